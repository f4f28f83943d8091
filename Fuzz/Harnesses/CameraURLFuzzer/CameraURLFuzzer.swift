// A camera's `url:` and credentials: the input is `URL \n USERNAME \n PASSWORD`. The URL is
// classified as the configuration loader does (user information split off, messages with
// credentials masked), then the connection URL FFmpeg gets is rebuilt with the credentials.
// It also checks that neither the URL kept for logs nor any message shows the password.
import Foundation
import FuzzSupport
@testable import VeilConfig

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let parts = FuzzBytes.split(FuzzBytes.array(data, count), by: [0x0a], parts: 3).map { String(decoding: $0, as: UTF8.self) }
    let (text, username, password) = (parts[0], parts[1], parts[2])
    // What a log line or message may show must not carry the URL's password: neither the URL
    // kept for logging nor any message quoting the text.
    // (Checked when the text holds `:password@` once: a copy elsewhere in it is not user information.)
    let userInfo = URLComponents(string: text).flatMap { c in c.percentEncodedPassword.flatMap { $0.isEmpty ? nil : ":" + $0 + "@" } }
        .flatMap { text.components(separatedBy: $0).count == 2 ? $0 : nil }
    func checkNoPassword(_ shown: String) {
        if let userInfo { precondition(!shown.contains(userInfo), "password shown in '\(shown)'") }
    }
    checkNoPassword(CameraURL.displayed(text))
    switch CameraURL.classify(text) {
    case .network(let url, let secure, let user, let pass):
        checkNoPassword(url)
        // (An empty user information, `rtsp://@host`, carries nothing.)
        precondition(URLComponents(string: url).map { ($0.user ?? "").isEmpty && ($0.password ?? "").isEmpty } ?? true,
                     "credentials kept in \(url)")
        let credentials = CameraCredentials(username: user ?? username, password: .inline(pass ?? password))
        let source = NetworkSource(url: url, credentials: credentials, security: .plaintext)
        _ = secure
        _ = try? source.connectionURL()
        _ = "\(credentials) \(credentials.password)"
    case .file(let path):
        _ = path
    case .invalid(let message):
        checkNoPassword(message)
    }
    _ = CameraURL.displayed(text)
    return 0
}
