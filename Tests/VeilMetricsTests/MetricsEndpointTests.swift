import Glibc
import Logging
import NIOPosix
import ServiceLifecycle
import Testing
@testable import VeilMetrics

/// The endpoint as a service of a real service group, over real loopback TCP connections, with
/// a raw socket client. The client's blocking calls run on NIO's blocking pool, as Veil's own
/// blocking work does, so no test holds one of Swift's cooperative threads.
///
/// The time limit is only a backstop against a hang.
@Suite(.timeLimit(.minutes(10))) struct MetricsEndpointTests {
    typealias Client = LoopbackClient

    static func registry() -> MetricsRegistry {
        let registry = MetricsRegistry()
        registry.counter("veil_frames_in_total", help: "Frames decoded.", labels: ["camera": "door"]).increment(by: 42)
        return registry
    }

    static let scrape = "GET /metrics HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n"

    /// `request` sent as is; the response read until the server closes the connection.
    static func exchange(_ request: String, port: UInt16, host: String = "127.0.0.1") async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try Client.exchange(request, port: port, host: host) }
    }

    static func connect(to port: UInt16) async throws -> Result<Int32, Client.Errno> {
        try await NIOThreadPool.singleton.runIfActive { Client.connect(to: port) }
    }

    @Test func servesTheSameTextAsTheOldServerOnAFreePort() async throws {
        try await EndpointGroup.serving(Self.registry()) { port in
            #expect(port != 0)
            let response = Client.parse(try await Self.exchange(Self.scrape, port: port))
            // Byte for byte what the hand-written server sent for this registry.
            let body = """
                # HELP veil_frames_in_total Frames decoded.
                # TYPE veil_frames_in_total counter
                veil_frames_in_total{camera="door"} 42

                """
            #expect(response.status == "HTTP/1.1 200 OK")
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.headers["content-length"] == "\(body.utf8.count)")
            #expect(response.body == body)
        }
    }

    @Test func answersEveryScrapeWithTheCurrentValues() async throws {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c")
        try await EndpointGroup.serving(registry, host: "localhost") { port in
            for expected in 1...3 {
                counter.increment()
                let request = "GET /metrics?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n"
                let response = try await Self.exchange(request, port: port)
                #expect(response.hasSuffix("c_total \(expected)\n"))
            }
        }
    }

    @Test func servesOnTheIPv6Loopback() async throws {
        try await EndpointGroup.serving(Self.registry(), host: "::1") { port in
            let response = try await Self.exchange(Self.scrape, port: port, host: "::1")
            #expect(response.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test(arguments: ["/", "/metricsx", "/metrics/x", "/favicon.ico"])
    func otherPathsAreNotFound(path: String) async throws {
        try await EndpointGroup.serving(Self.registry()) { port in
            let response = try await Self.exchange("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: port)
            #expect(response.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
            #expect(!response.contains("veil_frames_in_total"))
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE"])
    func otherMethodsAreRefused(method: String) async throws {
        try await EndpointGroup.serving(Self.registry()) { port in
            let request = "\(method) /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            let response = Client.parse(try await Self.exchange(request, port: port))
            #expect(response.status == "HTTP/1.1 405 Method Not Allowed")
            #expect(response.headers["allow"] == "GET")
            #expect(!response.body.contains("veil_frames_in_total"))
        }
    }

    @Test func gracefulShutdownReturnsWhileAClientHoldsAConnectionOpen() async throws {
        let silent = try await EndpointGroup.serving(Self.registry(), idleTimeout: .milliseconds(300)) { port in
            let silent = try await Self.connect(to: port).get()
            _ = send(silent, "GET /metr", 9, Int32(MSG_NOSIGNAL))
            return silent
        }
        defer { close(silent) }
        #expect(try await NIOThreadPool.singleton.runIfActive { !Client.readToEnd(silent).contains("veil_frames_in_total") })
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.10", "::", "example.com", "10.0.0.1", "::ffff:127.0.0.1", ""])
    func refusesToBindAnythingButLoopback(host: String) async {
        await #expect {
            try await MetricsEndpoint(host: host, port: 0, registry: Self.registry()).run()
        } throws: { error in
            (error as? MetricsEndpointError)?.description.contains("'\(host)' is not a loopback address") == true
        }
    }

    @Test func stopsCleanlyAndReleasesThePort() async throws {
        let port = try await EndpointGroup.serving(Self.registry()) { port in
            let response = try await Self.exchange(Self.scrape, port: port)
            #expect(response.hasPrefix("HTTP/1.1 200 OK"))
            return port
        }
        #expect(try await Self.connect(to: port) == .failure(Client.Errno(rawValue: ECONNREFUSED)))
        #expect(try await EndpointGroup.serving(Self.registry(), port: port) { $0 } == port)
    }

    @Test func aPortInUseIsAClearError() async throws {
        try await EndpointGroup.serving(Self.registry()) { port in
            await #expect {
                try await MetricsEndpoint(host: "127.0.0.1", port: port, registry: Self.registry()).run()
            } throws: { error in
                let text = (error as? MetricsEndpointError)?.description ?? ""
                return text.contains("cannot listen on 127.0.0.1:\(port)") && text.contains("choose another port")
            }
        }
    }

    @Test func cancellationStopsTheServer() async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: UInt16.self)
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry(), onListening: { continuation.yield($0) })
        let task = Task { try await endpoint.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        task.cancel()
        _ = await task.result
        #expect(try await Self.connect(to: port) == .failure(Client.Errno(rawValue: ECONNREFUSED)))
    }
}

/// A metrics endpoint run as the one service of a real `ServiceGroup`, as `veil record` runs it.
enum EndpointGroup {
    struct NeverListened: Error {}

    /// Runs the endpoint, hands `body` the bound port, then shuts the group down gracefully and
    /// waits until it has ended (the port is free), whether `body` threw or not.
    @discardableResult
    static func serving<T: Sendable>(_ registry: MetricsRegistry, host: String = "127.0.0.1", port: UInt16 = 0,
                                     idleTimeout: Duration = .seconds(5),
                                     _ body: @Sendable (UInt16) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: UInt16.self)
        let endpoint = MetricsEndpoint(host: host, port: port, registry: registry, idleTimeout: idleTimeout,
                                       onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [endpoint], logger: Logger(label: "veil.test"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                try await tasks.waitForAll()
                throw NeverListened()
            }
            let outcome = await Result(awaiting: { try await body(bound) })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try outcome.get()
        }
    }
}

extension Result where Failure == any Error {
    init(awaiting body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
