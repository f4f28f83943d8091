import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The Prometheus endpoint: `GET /metrics` on a loopback address, served by HummingbirdCore's
/// HTTP/1 server.
///
/// The recorder is synchronous, the server is async: ``start()`` runs the server in a task on
/// a thread of its own (``ThreadTaskExecutor``) and waits until it is bound, to return the
/// port; ``stop()`` closes the listening socket, waiting on NIO's event loop until the port is
/// free, and cancels the task, which winds the rest down. A client that sits on an idle
/// connection is cut off after `idleTimeout`.
///
/// Neither waits on Swift's cooperative pool: the recorder's callers are often on it
/// themselves, blocked, and on two cores two of them are the whole pool. That is why this runs
/// the bare server rather than Hummingbird's `Application`: the application's own service
/// group answers a failed bind by shutting its date cache down gracefully, and
/// swift-service-lifecycle does that in an unstructured task, on the pool, so a port in use
/// hung `start` whenever the pool was busy (`MetricsEndpointTests.startAndStopNeverWaitOnSwiftsCooperativePool`).
public final class MetricsEndpoint: Sendable {
    private enum State {
        case idle
        case running(Task<Void, Never>, listener: any Channel)
        case stopped
    }

    /// The configured host, as given.
    public let host: String
    /// The configured port; 0 means any free one (``start()`` returns the one bound).
    public let port: UInt16
    private let registry: MetricsRegistry
    private let idleTimeout: Duration
    private let logger: Logger
    private let state = Mutex(State.idle)

    /// Serves `registry` on `host:port` once started; port 0 lets the system pick one.
    /// `host` must be loopback: 127.0.0.0/8, `localhost` or `::1` (checked by `start`).
    public init(host: String, port: UInt16, registry: MetricsRegistry, idleTimeout: Duration = .seconds(5),
                logger: Logger = Logger(label: "veil.metrics")) {
        self.host = host
        self.port = port
        self.registry = registry
        self.idleTimeout = idleTimeout
        var logger = logger
        // Hummingbird announces every start at info (the recorder logs the address itself) and
        // reports the listener that `stop` closed under it as an error. A bind failure comes
        // back from `start` as a thrown error instead.
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit { stop() }

    /// Binds, starts serving and returns the bound port (the chosen one when `port` is 0).
    /// Throws ``MetricsEndpointError`` for a non-loopback host or a port in use. Call once.
    public func start() throws -> UInt16 {
        precondition(state.withLock { if case .idle = $0 { true } else { false } },
                     "MetricsEndpoint.start() called twice, or after stop()")
        guard let address = LoopbackHost.numeric(host) else { throw MetricsEndpointError.notLoopback(host) }
        let bound = Completion<Result<any Channel, MetricsEndpointError>>()
        let registry = registry
        let server = try HTTPServerBuilder.http1(configuration: .init(idleTimeout: TimeAmount(idleTimeout))).buildServer(
            configuration: .init(address: .hostname(address, port: Int(port)), reuseAddress: true),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger,
            responder: { request, writer, _ in
                let response = Self.respond(to: request, serving: registry)
                try await writer.write(response: response.head, body: response.body)
            },
            onServerRunning: { bound.complete(.success($0)) })
        let executor = ThreadTaskExecutor(name: "veil-metrics")
        let (host, port) = (host, port)
        let task = Task(executorPreference: executor) {
            do {
                try await server.run()
            } catch {
                bound.complete(.failure(.bindFailed(host: host, port: port, reason: "\(error)")))
            }
            bound.complete(.failure(.bindFailed(host: host, port: port, reason: "the server stopped before it was bound")))
            executor.finish()
        }
        switch bound.wait() {
        case .success(let listener):
            state.withLock { $0 = .running(task, listener: listener) }
            return UInt16(listener.localAddress?.port ?? 0)
        case .failure(let error):
            throw error
        }
    }

    /// Stops serving: closes the listening socket (the port is free when this returns) and
    /// cancels the server's task, which closes its connections. Safe to call more than once,
    /// and before `start()`.
    public func stop() {
        let previous = state.withLock { state in
            defer { state = .stopped }
            return state
        }
        guard case .running(let server, let listener) = previous else { return }
        try? listener.close().wait()
        server.cancel()
    }

    /// `GET /metrics` is the text exposition; any other path is 404, another method 405.
    private static func respond(to request: Request, serving registry: MetricsRegistry) -> Response {
        guard request.uri.path == "/metrics" else { return Response(status: .notFound) }
        guard request.method == .get else { return Response(status: .methodNotAllowed, headers: [.allow: "GET"]) }
        return Response(status: .ok, headers: [.contentType: MetricsRegistry.contentType],
                        body: .init(byteBuffer: ByteBuffer(string: registry.render())))
    }
}
