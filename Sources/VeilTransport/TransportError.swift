/// A failure to reach a camera securely: which camera (host:port, never credentials), what went
/// wrong in words, and what kind of failure it is, so the supervisor can back off accordingly.
public struct TransportError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Code: Sendable, Equatable {
        /// Bad CA file or pin in the configuration.
        case configuration
        /// Could not listen on the loopback relay port.
        case listen
        /// The camera's address did not resolve, refused or did not answer.
        case unreachable
        /// The TLS handshake failed for a reason other than the certificate (not TLS, protocol).
        case handshake
        /// The certificate chain or name did not verify against the configured CA.
        case untrustedCertificate
        /// The certificate does not match the pinned fingerprint.
        case pinMismatch
    }

    let code: Code
    /// `host:port` of the camera.
    public let camera: String
    /// The whole explanation, e.g. "certificate of camera.local:322 is not signed by …".
    public let message: String

    init(_ code: Code, camera: String, _ message: String) {
        self.code = code
        self.camera = camera
        self.message = message
    }

    /// The message, for logs and users (no credentials: the relay never sees them).
    public var description: String { message }

    /// The camera's certificate was refused (untrusted chain, wrong name, pin mismatch): a
    /// configuration or security problem to report loudly and retry only slowly.
    public var isCertificateRejected: Bool { code == .untrustedCertificate || code == .pinMismatch }

    /// The camera could not be reached at all (try again with the normal backoff).
    public var isUnreachable: Bool { code == .unreachable }

    /// The relay's own configuration is wrong (unreadable CA file, malformed pin): retrying cannot help.
    public var isConfigurationError: Bool { code == .configuration || code == .listen }
}
