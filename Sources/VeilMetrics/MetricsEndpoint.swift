import HummingbirdCore
public import Logging
import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization
import HTTPTypes

/// The Prometheus endpoint: `GET /metrics` on a loopback address, served by HummingbirdCore's
/// HTTP/1 server as one service of `veil record`'s service group.
///
/// ``run()`` binds, serves until the group shuts down gracefully (the listening socket is closed
/// at once, requests in progress are answered, and a client that sits on an idle connection is
/// cut off after `idleTimeout`), and returns. A bind failure is thrown out of ``run()`` as a
/// ``MetricsEndpointError``, which ends the group with that one error.
public struct MetricsEndpoint: Service {
    /// The configured host, as given.
    public let host: String
    /// The configured port; 0 means any free one (`onListening` is told the one bound).
    public let port: UInt16
    private let registry: MetricsRegistry
    private let idleTimeout: Duration
    private let logger: Logger
    private let onListening: @Sendable (UInt16) -> Void

    /// Serves `registry` on `host:port` once run; port 0 lets the system pick one, which
    /// `onListening` receives as soon as the socket listens. `host` must be loopback:
    /// 127.0.0.0/8, `localhost` or `::1` (checked by ``run()``).
    public init(host: String, port: UInt16, registry: MetricsRegistry, idleTimeout: Duration = .seconds(5),
                logger: Logger = Logger(label: "veil.metrics"), onListening: @escaping @Sendable (UInt16) -> Void = { _ in }) {
        self.host = host
        self.port = port
        self.registry = registry
        self.idleTimeout = idleTimeout
        self.onListening = onListening
        var logger = logger
        // HummingbirdCore announces every start at info (the recorder logs the address itself);
        // a bind failure comes back from `run` as a thrown error instead.
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Binds, serves until graceful shutdown (or cancellation) and returns once the port is free.
    /// Throws ``MetricsEndpointError`` for a non-loopback host or a port in use.
    public func run() async throws {
        guard let address = LoopbackHost.numeric(host) else { throw MetricsEndpointError.notLoopback(host) }
        let registry = registry
        let bound = Atomic(false)
        let onListening = onListening
        let server = try HTTPServerBuilder.http1(configuration: .init(idleTimeout: TimeAmount(idleTimeout))).buildServer(
            configuration: .init(address: .hostname(address, port: Int(port)), reuseAddress: true),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { request, writer, _ in
                let response = Self.respond(to: request, serving: registry)
                try await writer.write(response: response.head, body: response.body)
            },
            onServerRunning: { channel in
                bound.store(true, ordering: .sequentiallyConsistent)
                onListening(UInt16(channel.localAddress?.port ?? 0))
            })
        do {
            try await server.run()
        } catch where !bound.load(ordering: .sequentiallyConsistent) {
            throw MetricsEndpointError.bindFailed(host: host, port: port, reason: "\(error)")
        }
    }

    /// `GET /metrics` is the text exposition; any other path is 404, another method 405.
    private static func respond(to request: Request, serving registry: MetricsRegistry) -> Response {
        guard request.uri.path == "/metrics" else { return Response(status: .notFound) }
        guard request.method == .get else { return Response(status: .methodNotAllowed, headers: [.allow: "GET"]) }
        return Response(status: .ok, headers: [.contentType: MetricsRegistry.contentType],
                        body: .init(byteBuffer: ByteBuffer(string: registry.render())))
    }
}
