/// The parts of an `rtsps://` camera URL the relay needs, and the local `rtsp://` URL that
/// FFmpeg opens instead (same credentials, path and query; host and port of the relay).
public struct RTSPSLocation: Sendable, Equatable {
    /// Host name or IP address (IPv6 without brackets).
    public let host: String
    /// The port, 322 (the registered RTSP-over-TLS port) when the URL names none.
    public let port: UInt16
    /// `user:password@` exactly as in the URL, or empty. Never put it in a message.
    let userInfo: String
    /// Everything from the first `/` after the authority (path and query), or empty.
    public let pathAndQuery: String

    /// Parses `rtsps://[user:password@]host[:port][/path][?query]`; nil for any other URL.
    public init?(url: String) {
        guard url.hasPrefix("rtsps://") else { return nil }
        let rest = url.dropFirst("rtsps://".count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        pathAndQuery = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        } else {
            userInfo = ""
        }
        // "[v6]:port", "[v6]", "host:port", "host"
        var hostPart = authority, portPart: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let afterClose = authority[authority.index(after: close)...]
            if afterClose.hasPrefix(":") { portPart = afterClose.dropFirst() } else if !afterClose.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        if let portPart {
            guard let number = UInt16(portPart), number > 0 else { return nil }
            port = number
        } else {
            port = 322
        }
    }

    /// The URL FFmpeg opens through the relay listening on `localPort` (open it with `rtsp_transport=tcp`).
    public func relayedURL(localPort: UInt16) -> String {
        "rtsp://\(userInfo)127.0.0.1:\(localPort)\(pathAndQuery)"
    }
}
