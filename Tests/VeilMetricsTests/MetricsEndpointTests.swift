import Glibc
import Synchronization
import Testing
@testable import VeilMetrics

/// The endpoint over real loopback TCP connections, with a raw socket client.
///
/// The time limit is only a backstop against a hang: with the whole suite in parallel a test
/// can wait minutes for a thread of the pool. ``BlockedPool`` is what checks that the
/// endpoint's calls never need that pool.
@Suite(.timeLimit(.minutes(10))) struct MetricsEndpointTests {
    typealias Client = LoopbackClient

    static func registry() -> MetricsRegistry {
        let registry = MetricsRegistry()
        registry.counter("veil_frames_in_total", help: "Frames decoded.", labels: ["camera": "door"]).increment(by: 42)
        return registry
    }

    static let scrape = "GET /metrics HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n"

    @Test func servesTheSameTextAsTheOldServerOnAFreePort() throws {
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try endpoint.start()
        defer { endpoint.stop() }
        #expect(port != 0)
        let response = Client.parse(try Client.exchange(Self.scrape, port: port))
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

    @Test func answersEveryScrapeWithTheCurrentValues() throws {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c")
        let endpoint = MetricsEndpoint(host: "localhost", port: 0, registry: registry)
        let port = try endpoint.start()
        defer { endpoint.stop() }
        for expected in 1...3 {
            counter.increment()
            let request = "GET /metrics?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n"
            #expect(try Client.exchange(request, port: port).hasSuffix("c_total \(expected)\n"))
        }
    }

    @Test func servesOnTheIPv6Loopback() throws {
        let endpoint = MetricsEndpoint(host: "::1", port: 0, registry: Self.registry())
        let port = try endpoint.start()
        defer { endpoint.stop() }
        #expect(try Client.exchange(Self.scrape, port: port, host: "::1").hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test(arguments: ["/", "/metricsx", "/metrics/x", "/favicon.ico"])
    func otherPathsAreNotFound(path: String) throws {
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try endpoint.start()
        defer { endpoint.stop() }
        let response = try Client.exchange("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", port: port)
        #expect(response.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(!response.contains("veil_frames_in_total"))
    }

    @Test(arguments: ["POST", "PUT", "DELETE"])
    func otherMethodsAreRefused(method: String) throws {
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try endpoint.start()
        defer { endpoint.stop() }
        let request = "\(method) /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        let response = Client.parse(try Client.exchange(request, port: port))
        #expect(response.status == "HTTP/1.1 405 Method Not Allowed")
        #expect(response.headers["allow"] == "GET")
        #expect(!response.body.contains("veil_frames_in_total"))
    }

    @Test func stopReturnsWhileAClientHoldsAConnectionOpen() throws {
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry(), idleTimeout: .milliseconds(300))
        let port = try endpoint.start()
        let silent = try Client.connect(to: port).get()
        defer { close(silent) }
        _ = send(silent, "GET /metr", 9, Int32(MSG_NOSIGNAL))
        endpoint.stop()
        #expect(!Client.readToEnd(silent).contains("veil_frames_in_total"))
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.10", "::", "example.com", "10.0.0.1", "::ffff:127.0.0.1", ""])
    func refusesToBindAnythingButLoopback(host: String) {
        let endpoint = MetricsEndpoint(host: host, port: 0, registry: Self.registry())
        #expect {
            _ = try endpoint.start()
        } throws: { error in
            (error as? MetricsEndpointError)?.description.contains("'\(host)' is not a loopback address") == true
        }
    }

    @Test func stopsCleanlyAndReleasesThePort() throws {
        let endpoint = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try endpoint.start()
        #expect(try Client.exchange(Self.scrape, port: port).hasPrefix("HTTP/1.1 200 OK"))
        endpoint.stop()
        endpoint.stop()
        #expect(Client.connect(to: port) == .failure(Client.Errno(rawValue: ECONNREFUSED)))
        let again = MetricsEndpoint(host: "127.0.0.1", port: port, registry: Self.registry())
        #expect(try again.start() == port)
        again.stop()
    }

    @Test func aPortInUseIsAClearError() throws {
        let first = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try first.start()
        defer { first.stop() }
        let second = MetricsEndpoint(host: "127.0.0.1", port: port, registry: Self.registry())
        #expect {
            _ = try second.start()
        } throws: { error in
            let text = (error as? MetricsEndpointError)?.description ?? ""
            return text.contains("cannot listen on 127.0.0.1:\(port)") && text.contains("choose another port")
        }
    }

    @Test func startAndStopNeverWaitOnSwiftsCooperativePool() {
        let outcome = Mutex<String?>(nil)
        let finished = BlockedPool.finishes(within: 10) {
            let occupant = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
            let result: String
            do {
                let port = try occupant.start()
                let second = MetricsEndpoint(host: "127.0.0.1", port: port, registry: Self.registry())
                do {
                    _ = try second.start()
                    result = "a second endpoint bound the same port"
                } catch {
                    result = "\(error)"
                }
                occupant.stop()
            } catch {
                result = "the first endpoint failed: \(error)"
            }
            outcome.withLock { $0 = result }
        }
        #expect(finished, "start or stop waited on the blocked pool")
        #expect(outcome.withLock { $0 }?.contains("choose another port") == true)
    }

    @Test func deinitStopsTheServer() throws {
        var endpoint: MetricsEndpoint? = MetricsEndpoint(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try endpoint!.start()
        endpoint = nil
        #expect(Client.connect(to: port) == .failure(Client.Errno(rawValue: ECONNREFUSED)))
    }
}
