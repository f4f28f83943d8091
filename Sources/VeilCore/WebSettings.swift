/// The staff console `veil record` serves (`web:`; off when absent). HTTPS on every address
/// but loopback, where plain HTTP is allowed for tests and for a reverse proxy in front.
public struct WebSettings: Sendable, Hashable {
    /// How the console's TLS certificate is obtained.
    public enum TLS: Sendable, Hashable {
        /// Plain HTTP: only on a loopback address.
        case none
        /// PEM files the administrator provides.
        case files(certificate: String, key: String)
        /// An ECDSA P-256 certificate Veil makes at first start and keeps under the data
        /// directory (`web/tls/`); `veil web fingerprint` prints its SHA-256 fingerprint.
        case selfSigned
    }

    public var host: String
    public var port: Int
    public var tls: TLS
    /// A session unused this long is ended. Default 30 minutes.
    public var sessionIdleTimeout: Double
    /// A session ends this long after its login, used or not. Default 12 hours.
    public var sessionLifetime: Double

    public init(host: String = "127.0.0.1", port: Int = 8443, tls: TLS = .none,
                sessionIdleTimeout: Double = 30 * 60, sessionLifetime: Double = 12 * 3600) {
        self.host = host
        self.port = port
        self.tls = tls
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
    }

    /// Whether the console listens only on this machine.
    public var isLoopback: Bool { Loopback.contains(host) }
}
