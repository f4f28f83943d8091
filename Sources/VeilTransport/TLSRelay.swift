import NIOCore
import NIOPosix
import Synchronization

/// A verified TLS relay for one `rtsps://` camera, inside the process.
///
/// FFmpeg 5.1's RTSP demuxer does not pass TLS options to its TLS connection, so it cannot
/// verify a camera's certificate. The relay does it instead: it listens on 127.0.0.1, and for
/// each local connection opens TCP+TLS to the camera (swift-nio and NIOSSL), verifies the
/// certificate against the configured CA (with the name) and/or the pinned fingerprint inside the
/// handshake, and only then copies bytes both ways. A camera that fails verification gets no
/// byte relayed: the local connection is closed and the failure is kept in `lastFailure` (and
/// passed to `onFailure`).
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
    private let running = Mutex<Running?>(nil)

    /// The listening channel and every channel it led to.
    private struct Running {
        let port: UInt16
        let channels: ChannelRegistry
    }

    /// - Parameter onFailure: called on an event loop for every refused or failed camera
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
    ///
    /// Blocks until the listener is bound: never call it on an event loop.
    public func start() throws -> UInt16 {
        try running.withLock { running in
            if let running { return running.port }
            let trust = try CameraTrust(trust: trust, camera: camera, serverName: serverName)
            let channels = ChannelRegistry(), target = target
            let listener: any Channel
            do {
                listener = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .serverChannelOption(.backlog, value: 16)
                    // A client's bytes wait in its socket until the camera is verified.
                    .childChannelOption(.autoRead, value: false)
                    .childChannelInitializer { client in
                        channels.add(client)
                        target.serve(client, trust: trust, registry: channels)
                        return client.eventLoop.makeSucceededVoidFuture()
                    }
                    .bind(host: "127.0.0.1", port: 0)
                    .wait()
            } catch {
                throw TransportError(.listen, camera: camera, "the TLS relay for camera \(camera) could not listen on 127.0.0.1: \(error)")
            }
            channels.add(listener)
            guard let port = listener.localAddress?.port.flatMap(UInt16.init(exactly:)) else {
                _ = try? channels.closeAll(on: listener.eventLoop).wait()
                throw TransportError(.listen, camera: camera, "the TLS relay for camera \(camera) listens on 127.0.0.1 but on no port")
            }
            running = Running(port: port, channels: channels)
            return port
        }
    }

    /// Stops listening, closes every relayed connection (and any still connecting) and waits until
    /// all are closed: at once for plain sockets, within 0.3 s for a camera that does not answer
    /// the TLS close. A camera name lookup under way finishes on its own; its connection is then
    /// closed at once. Blocks: never call it on an event loop.
    public func stop() {
        let stopping = running.withLock { running in
            defer { running = nil }
            return running
        }
        guard let channels = stopping?.channels else { return }
        try? channels.closeAll(on: MultiThreadedEventLoopGroup.singleton.any()).wait()
    }

    /// The local port while running.
    public var port: UInt16? { running.withLock { $0?.port } }

    /// The latest refused or failed camera connection; cleared by the next verified one.
    public var lastFailure: TransportError? { target.failures.latest }

    /// Connects to the camera once, verifies it exactly as relayed connections are verified, and
    /// closes again. Throws the precise `TransportError` (untrusted certificate, pin mismatch,
    /// unreachable). Use it before opening the stream to report a refusal in plain words.
    /// Blocks until the camera answered or the timeouts passed: never call it on an event loop.
    public func verify() throws {
        let trust = try CameraTrust(trust: trust, camera: camera, serverName: serverName)
        let connection = try target.open(trust, on: MultiThreadedEventLoopGroup.singleton.any(), registry: nil).wait()
        try? connection.close().wait()
    }
}
