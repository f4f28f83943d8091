// A camera's `url:` and credentials: the input is `URL \n USERNAME \n PASSWORD`. The URL is
// classified as the configuration loader does (user information split off, messages with
// credentials masked), then the connection URL FFmpeg gets is rebuilt with the credentials.
import Foundation
import FuzzSupport
@testable import VeilConfig

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let parts = FuzzBytes.split(FuzzBytes.array(data, count), by: [0x0a], parts: 3).map { String(decoding: $0, as: UTF8.self) }
    let (text, username, password) = (parts[0], parts[1], parts[2])
    switch CameraURL.classify(text) {
    case .network(let url, let secure, let user, let pass):
        let credentials = CameraCredentials(username: user ?? username, password: .inline(pass ?? password))
        let source = NetworkSource(url: url, credentials: credentials, security: .plaintext)
        _ = secure
        _ = try? source.connectionURL()
        _ = "\(credentials) \(credentials.password)"
    case .file(let path):
        _ = path
    case .invalid(let message):
        _ = message
    }
    _ = CameraURL.displayed(text)
    return 0
}
