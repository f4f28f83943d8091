import Foundation
import VeilCore

/// What a camera's `url:` names, with any user information split off so that the URL
/// kept in the configuration can be logged.
enum CameraURL {
    case network(url: String, secure: Bool, username: String?, password: String?)
    case file(path: String)
    case invalid(String)

    static func classify(_ text: String) -> CameraURL {
        guard let schemeEnd = text.range(of: "://") else {
            // No scheme: a local path, unless it looks like a mistyped URL ("rtsp:/host").
            let looksLikeURL = text.split(separator: "/").first?.hasSuffix(":") ?? false
            return looksLikeURL ? .invalid(notSupported(text)) : .file(path: text)
        }
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "rtsp": return network(text, secure: false)
        case "rtsps": return network(text, secure: true)
        case "file":
            guard let url = URL(string: text), url.host == nil || url.host == "" || url.host == "localhost",
                  url.path.hasPrefix("/") else {
                return .invalid("\(displayed(text)) is not a file URL with an absolute path: write file:///path/to/video.mp4, "
                                + "or the path alone (relative to this file's folder)")
            }
            return .file(path: url.path)
        default:
            return .invalid(notSupported(text))
        }
    }

    private static func network(_ text: String, secure: Bool) -> CameraURL {
        let scheme = secure ? "rtsps" : "rtsp"
        guard var components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            return .invalid("\(displayed(text)) is not a valid \(scheme):// URL: it needs a host, like \(scheme)://192.0.2.10:554/stream1")
        }
        if components.fragment != nil {
            // A '#' in a password ends the authority early and would turn the rest into a fragment.
            return .invalid("\(displayed(text)) has a '#' fragment, which \(scheme):// URLs do not use: "
                            + "percent-encode '#' as %23, or move the credentials into a credentials block")
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .invalid("\(displayed(text)) has a port outside 1–65535")
        }
        let username = components.user, password = components.password
        components.user = nil
        components.password = nil
        components.scheme = scheme
        // Never fall back to `text`: it holds the credentials, and `url` is what gets logged.
        guard let clean = components.string else {
            return .invalid("\(displayed(text)) is not a valid \(scheme):// URL once its user information is taken out: "
                            + "check the host and path, like \(scheme)://192.0.2.10:554/stream1")
        }
        return .network(url: clean, secure: secure, username: username, password: password)
    }

    private static func notSupported(_ text: String) -> String {
        "\(displayed(text)) is not an rtsp://, rtsps:// or file URL, nor a file path"
    }

    /// The text quoted for a message, with any `user:password@` replaced by `***@` — also
    /// for malformed URLs, which `redactingCredentials` leaves alone when `://` is missing,
    /// and for user information before the first `://` (CameraURLFuzzer found
    /// `//:pw@host/…fil_://x@y` shown with its password).
    static func displayed(_ text: String) -> String {
        var shown = redactingCredentials(text)
        if shown == text, let at = text.lastIndex(of: "@") {
            let schemeEnd = text.firstIndex(of: ":").map { text.index(after: $0) } ?? text.startIndex
            shown = schemeEnd < at ? String(text[..<schemeEnd]) + "***" + String(text[at...]) : "***" + String(text[at...])
        }
        let head = shown.range(of: "://").map { shown[..<$0.lowerBound] } ?? shown[...]
        if let at = head.lastIndex(of: "@"), let colon = head[..<at].firstIndex(of: ":") {
            shown = String(shown[...colon]) + "***" + String(shown[at...])
        }
        return "'\(shown)'"
    }

    /// A file camera's path for a message: masked like a URL when it holds `…:…@`, which is
    /// a network URL missing its scheme (`//admin:secret@192.0.2.10/stream`), not a file.
    static func displayedPath(_ path: String) -> String {
        guard let at = path.lastIndex(of: "@"), path[..<at].contains(":") else { return path }
        return displayed(path)
    }
}
