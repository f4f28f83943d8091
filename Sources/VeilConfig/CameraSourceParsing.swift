import Foundation
import Yams

/// The camera keys whose meaning depends on the kind of source.
struct SourceOptions {
    var transport: RTSPTransport?
    var credentials: CameraCredentials?
    var tls: TLSVerification?
    var loop: Bool?
    var pace: Bool?
}

extension ConfigurationParser {
    /// Classifies the URL and checks that only the keys meant for that kind of source are set.
    func parseSource(_ url: String, options: SourceOptions, in reader: MappingReader) -> CameraSource? {
        switch CameraURL.classify(url) {
        case .invalid(let message):
            reader.report("url", message)
            return nil
        case .file(let path):
            for key in ["transport", "credentials", "tls"] where reader.contains(key) {
                reader.report(key, "applies only to rtsp:// and rtsps:// cameras, not to a file camera")
            }
            let absolute = paths.absolute(path)
            guard paths.entry(at: absolute) == .file else {
                reader.report("url", "the video file \(CameraURL.displayedPath(absolute)) does not exist "
                              + "(relative paths start at the configuration file's folder; a camera needs rtsp:// or rtsps://)")
                return nil
            }
            var file = FileSource(path: absolute)
            file.loop = options.loop ?? file.loop
            file.pace = options.pace ?? file.pace
            return .file(file)
        case let .network(cleanURL, secure, username, password):
            for key in ["loop", "pace"] where reader.contains(key) {
                reader.report(key, "applies only to file cameras; a network camera is always live")
            }
            var source = NetworkSource(url: cleanURL, transport: options.transport ?? .tcp, credentials: options.credentials)
            if let username {
                if reader.contains("credentials") {
                    reader.report("url", "\(CameraURL.displayed(url)) carries a user name and the camera also has a credentials block: "
                                  + "remove the user information from the URL")
                } else {
                    source.credentials = CameraCredentials(username: username, password: .inline(password ?? ""))
                }
            }
            switch (secure, options.tls) {
            case (true, let tls?): source.security = .tls(tls)
            case (true, nil):
                if !reader.contains("tls") {
                    reader.report(nil, "an rtsps:// camera needs tls: caFile or pinSHA256, so that its certificate is verified")
                }
                return nil
            case (false, _):
                if reader.contains("tls") { reader.report("tls", "applies only to rtsps:// URLs: use rtsps:// or remove tls") }
            }
            return .network(source)
        }
    }

    func parseCredentials(_ reader: MappingReader) -> CameraCredentials? {
        let username = reader.text("username", secret: true)
        let password = reader.text("password", secret: true)
        let file = reader.text("passwordFile")
        reader.finish()
        if username == nil && !reader.contains("username") { reader.report(nil, "needs a username") }
        switch (password, file) {
        case (nil, nil):
            if !reader.contains("password") && !reader.contains("passwordFile") {
                reader.report(nil, "needs passwordFile (recommended) or password")
            }
            return nil
        case (_?, _?):
            reader.report(nil, "give either password or passwordFile, not both")
            return nil
        case (let password?, nil):
            return username.map { CameraCredentials(username: $0, password: .inline(password)) }
        case (nil, let file?):
            // Read when the camera connects, not now, so the file can be rotated (and may be
            // readable only by the recorder's user, not by whoever runs `veil config check`).
            return username.map { CameraCredentials(username: $0, password: .file(path: paths.absolute(file))) }
        }
    }

    func parseTLS(_ reader: MappingReader) -> TLSVerification? {
        var caFile: String?
        if let file = reader.text("caFile") {
            let absolute = paths.absolute(file)
            if paths.entry(at: absolute) == .file {
                caFile = absolute
            } else {
                reader.report("caFile", "the CA file \(absolute) does not exist")
            }
        }
        var pin: String?
        if let text = reader.text("pinSHA256") {
            let hex = text.replacingOccurrences(of: ":", with: "").lowercased()
            if hex.count == 64 && hex.allSatisfy(\.isHexDigit) {
                pin = hex
            } else {
                reader.report("pinSHA256", "'\(text)' is not a SHA-256 fingerprint: write 64 hex digits (colons allowed), "
                              + "as `openssl x509 -noout -fingerprint -sha256` prints them")
            }
        }
        reader.finish()
        if !reader.contains("caFile") && !reader.contains("pinSHA256") {
            reader.report(nil, "needs caFile or pinSHA256 (or both) to verify the camera's certificate")
        }
        guard caFile != nil || pin != nil else { return nil }
        return TLSVerification(caFile: caFile, pinnedSHA256: pin)
    }
}
