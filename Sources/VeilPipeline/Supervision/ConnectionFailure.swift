import VeilMedia

/// Why opening the camera failed. Refusals are a configuration problem a person must fix.
public enum ConnectionFailure: Sendable, Equatable {
    /// No answer, connection refused, name not resolved, timed out.
    case unreachable
    /// The camera refused the credentials (RTSP 401/403).
    case authenticationRefused
    /// The camera's certificate did not verify against the configured CA or pin.
    case tlsVerificationFailed
    /// Anything else (unexpected answer, no video stream, …).
    case other

    /// Refusals back off on the slow `Backoff.refused` schedule and are reported loudly.
    public var isRefusal: Bool { self == .authenticationRefused || self == .tlsVerificationFailed }
}

extension ConnectionFailure {
    /// Classifies why `Demuxer(url:options:timeout:)` could not open a camera.
    ///
    /// `MediaError` does not expose FFmpeg's status code, so refusals are recognised by FFmpeg's
    /// fixed texts for AVERROR_HTTP_UNAUTHORIZED/FORBIDDEN ("Server returned 401 Unauthorized …",
    /// "… 403 Forbidden …"), which the RTSP demuxer also uses. Replace this with a status check
    /// (`MediaError.isAuthenticationRefused`) once VeilMedia offers one. For `rtsps://` cameras the
    /// relay's `TransportError` decides instead (`isCertificateRejected` → `.tlsVerificationFailed`).
    public init(openingError error: any Error) {
        guard let error = error as? MediaError else {
            self = .other
            return
        }
        let message = error.ffmpegMessage ?? ""
        if error.isTimeout || Self.networkFailures.contains(where: message.contains) {
            self = .unreachable
        } else if message.contains("401 Unauthorized") || message.contains("403 Forbidden") {
            self = .authenticationRefused
        } else {
            self = .other
        }
    }

    /// strerror texts of the errno values FFmpeg's TCP layer reports for a camera it cannot reach.
    private static let networkFailures = [
        "Connection refused", "Connection reset", "Connection timed out", "No route to host",
        "Network is unreachable", "Host is unreachable", "Name or service not known",
        "Temporary failure in name resolution", "Broken pipe",
    ]
}
