import VeilCore

/// Parses `host:port` for the metrics endpoint (loopback only) and the staff console.
enum ListenAddress {
    enum Failure: Error {
        case malformed, notLoopback, badPort

        func message(for text: String) -> String {
            switch self {
            case .malformed:
                "'\(text)' is not an address:port such as 127.0.0.1:9464 or [::1]:9464"
            case .notLoopback:
                "'\(text)' is not a loopback address: metrics name the cameras and are served on 127.0.0.1, "
                    + "another 127.x.y.z, localhost or [::1] only (put a reverse proxy in front to publish them)"
            case .badPort:
                "'\(text)' has no port between 0 and 65535 (0 picks a free port)"
            }
        }
    }

    static func parse(_ text: String) -> Result<MetricsSettings, Failure> {
        parseAny(text).flatMap { address in
            Loopback.contains(address.host) ? .success(MetricsSettings(host: address.host, port: address.port)) : .failure(.notLoopback)
        }
    }

    /// Any host, loopback or not.
    static func parseAny(_ text: String) -> Result<(host: String, port: Int), Failure> {
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(.malformed) }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return .failure(.malformed) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(.malformed) }
        guard let port = Int(portText), (0...65535).contains(port) else { return .failure(.badPort) }
        return .success((String(host), port))
    }
}
