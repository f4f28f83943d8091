public import VeilCore
public import VeilOccupancy

/// One camera: where its stream comes from, what is always hidden, and how its
/// redaction differs from the defaults.
public struct CameraConfiguration: Sendable, Hashable {
    /// Unique, `[a-z0-9_-]+`, at most 64 characters: used in paths, metrics and logs.
    public var name: String
    public var source: CameraSource
    /// Privacy zones in full-resolution frame pixels, masked in every frame.
    public var zones: [Polygon]
    /// Settings that differ from the configuration's `redaction` defaults.
    public var overrides: RedactionOverrides
    /// Where this camera counts people (`occupancy:`); empty (default) counts nothing.
    public var occupancy: CountingLayout

    public init(name: String, source: CameraSource, zones: [Polygon] = [], overrides: RedactionOverrides = .init(),
                occupancy: CountingLayout = .init()) {
        self.name = name
        self.source = source
        self.zones = zones
        self.overrides = overrides
        self.occupancy = occupancy
    }
}

/// A live network stream or a local file standing in for one (demos and tests).
public enum CameraSource: Sendable, Hashable {
    case network(NetworkSource)
    case file(FileSource)
}

/// A local video read as if it were a camera.
public struct FileSource: Sendable, Hashable {
    /// Absolute path (a relative path in YAML is taken from the configuration file's folder).
    public var path: String
    /// Start again at the end instead of treating end-of-file as a disconnect. Default false.
    public var loop: Bool
    /// Deliver packets at the stream's frame rate, as a camera would. Default true: unpaced,
    /// a file would be recorded as fast as it can be read.
    public var pace: Bool

    public init(path: String, loop: Bool = false, pace: Bool = true) {
        self.path = path
        self.loop = loop
        self.pace = pace
    }
}

/// An `rtsp://` or `rtsps://` stream.
public struct NetworkSource: Sendable, Hashable {
    /// The URL without user information (credentials are kept in `credentials`), so it may
    /// be logged as it is.
    public var url: String
    public var transport: RTSPTransport
    public var credentials: CameraCredentials?
    /// `.tls` exactly when the URL is `rtsps://`.
    public var security: TransportSecurity

    public init(url: String, transport: RTSPTransport = .tcp, credentials: CameraCredentials? = nil,
                security: TransportSecurity = .plaintext) {
        self.url = url
        self.transport = transport
        self.credentials = credentials
        self.security = security
    }
}

/// How RTP packets travel. TCP (interleaved) by default: it passes firewalls and NAT and
/// loses nothing, which the lossless raw path relies on.
public enum RTSPTransport: String, Sendable, Hashable, CaseIterable {
    case tcp, udp
}

/// Whether the stream is encrypted and how the camera's certificate is verified.
public enum TransportSecurity: Sendable, Hashable {
    /// `rtsp://`: footage crosses the network unencrypted (the recorder warns once).
    case plaintext
    /// `rtsps://`: the certificate must verify against the CA file or match the pin.
    case tls(TLSVerification)
}

/// What a camera's TLS certificate must satisfy; at least one of the two is set.
public struct TLSVerification: Sendable, Hashable {
    /// PEM file of the CA(s) that must have issued the camera's certificate.
    public var caFile: String?
    /// SHA-256 of the camera's DER certificate, 64 lowercase hex digits (YAML `pinSHA256`;
    /// colons and upper case are accepted there).
    public var pinnedSHA256: String?

    public init(caFile: String? = nil, pinnedSHA256: String? = nil) {
        precondition(caFile != nil || pinnedSHA256 != nil, "TLS verification needs a CA file or a pin")
        self.caFile = caFile
        self.pinnedSHA256 = pinnedSHA256
    }
}
