import Synchronization
import Glibc

/// A verified TLS relay for one `rtsps://` camera, inside the process.
///
/// FFmpeg 5.1's RTSP demuxer does not pass TLS options to its TLS connection, so it cannot
/// verify a camera's certificate. The relay does it instead: it listens on 127.0.0.1, and for
/// each local connection opens TCP+TLS to the camera with OpenSSL, verifies the certificate
/// against the configured CA (with the name) and/or the pinned fingerprint, and only then copies
/// bytes both ways. A camera that fails verification gets no byte relayed: the local connection
/// is closed and the failure is kept in `lastFailure` (and passed to `onFailure`).
///
/// The recorder opens `rtsp://127.0.0.1:<port>/<path>` with `rtsp_transport=tcp`, so RTSP and
/// the interleaved RTP travel through this one TLS connection. Plain `rtsp://` needs no relay.
public final class TLSRelay: Sendable {
    /// The camera's host name or IP address, as in its `rtsps://` URL.
    public let cameraHost: String
    /// The camera's RTSP-over-TLS port (322 unless the URL says otherwise).
    public let cameraPort: UInt16
    /// What makes the camera's certificate trusted.
    public let trust: TLSTrust
    /// The name the certificate must carry (DNS name or IP address); the host by default.
    public let serverName: String
    /// Bounds the TCP connect and, separately, the TLS handshake to the camera.
    public let timeout: Duration
    private let target: RelayTarget
    private let running = Mutex<Listener?>(nil)

    /// - Parameter onFailure: called on a relay thread for every refused or failed camera
    ///   connection (log it loudly); `lastFailure` keeps the latest one as well.
    public init(cameraHost: String, cameraPort: UInt16 = 322, trust: TLSTrust, serverName: String? = nil,
                timeout: Duration = .seconds(5), onFailure: (@Sendable (TransportError) -> Void)? = nil) {
        self.cameraHost = cameraHost
        self.cameraPort = cameraPort
        self.trust = trust
        self.serverName = serverName ?? cameraHost
        self.timeout = timeout
        target = RelayTarget(host: cameraHost, port: cameraPort, serverName: self.serverName,
                             timeout: timeout, onFailure: onFailure)
    }

    deinit { stop() }

    /// `host:port` of the camera, as in every message.
    public var camera: String { target.camera }

    /// Checks the trust configuration, starts listening on 127.0.0.1 and returns the port.
    /// Calling it again while running returns the same port.
    public func start() throws -> UInt16 {
        try running.withLock { listener in
            if let listener { return listener.port }
            let context = try TLSContext(trust: trust, camera: camera)
            // A camera or client that vanishes mid-write must not kill the process with SIGPIPE;
            // OpenSSL writes with plain write(2). Daemons ignore SIGPIPE anyway (as swift-nio does).
            signal(SIGPIPE, SIG_IGN)
            let target = target
            let started = try Listener.start(name: "veil tls relay \(camera)") { client, shouldStop in
                target.serve(client, context: context, shouldStop: shouldStop)
            }
            listener = started
            return started.port
        }
    }

    /// Stops listening, closes every relayed connection and waits for the relay threads: within
    /// ~0.3 s, as every wait polls in short slices, except a camera name lookup under way
    /// (getaddrinfo cannot be interrupted).
    public func stop() {
        let listener = running.withLock { listener in
            defer { listener = nil }
            return listener
        }
        listener?.stop()
    }

    /// The local port while running.
    public var port: UInt16? { running.withLock { $0?.port } }

    /// The latest refused or failed camera connection; cleared by the next verified one.
    public var lastFailure: TransportError? { target.failures.latest }

    /// Connects to the camera once, verifies it exactly as relayed connections are verified, and
    /// closes again. Throws the precise `TransportError` (untrusted certificate, pin mismatch,
    /// unreachable). Use it before opening the stream to report a refusal in plain words.
    public func verify() throws {
        let context = try TLSContext(trust: trust, camera: camera)
        _ = try target.open(context: context, shouldStop: { false })
    }
}
