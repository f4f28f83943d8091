import Foundation
import Glibc
import Testing
@testable import VeilPipeline

/// The endpoint over real loopback TCP connections, with a raw socket client so every byte
/// of the request and response is visible.
@Suite(.timeLimit(.minutes(1))) struct MetricsServerTests {
    /// A blocking client socket connected to `host`:`port`, or the connect errno.
    static func connect(to port: UInt16, host: String = "127.0.0.1") -> Result<Int32, Errno> {
        let address = LoopbackAddress(host: host, port: port)!
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        // Never hang the suite on a broken server: reads give up after 10 s.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard address.withSockaddr({ Glibc.connect(fd, $0, $1) }) == 0 else {
            let error = Errno(rawValue: errno)
            close(fd)
            return .failure(error)
        }
        return .success(fd)
    }

    struct Errno: Error, Equatable { let rawValue: Int32 }

    /// Sends `request` as is and reads until the server closes.
    static func exchange(_ request: String, port: UInt16, host: String = "127.0.0.1") throws -> String {
        let fd = try connect(to: port, host: host).get()
        defer { close(fd) }
        let bytes = Array(request.utf8)
        #expect(send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count)
        return readToEnd(fd)
    }

    static func readToEnd(_ fd: Int32) -> String {
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            response += chunk[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    static func registry() -> MetricsRegistry {
        let registry = MetricsRegistry()
        registry.counter("veil_frames_in_total", help: "Frames decoded.", labels: ["camera": "door"]).increment(by: 42)
        return registry
    }

    @Test func servesTheRenderedRegistryOnAFreePort() throws {
        let registry = Self.registry()
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: registry)
        let port = try server.start()
        defer { server.stop() }
        #expect(port != 0)
        let response = try Self.exchange("GET /metrics HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n", port: port)
        let body = registry.render()
        #expect(response == "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n" + body)
        #expect(body.contains("veil_frames_in_total{camera=\"door\"} 42\n"))
    }

    @Test func answersEveryScrapeWithTheCurrentValues() throws {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c")
        let server = MetricsServer(host: "localhost", port: 0, registry: registry)
        let port = try server.start()
        defer { server.stop() }
        for expected in 1...3 {
            counter.increment()
            #expect(try Self.exchange("GET /metrics?x=1 HTTP/1.0\r\n\r\n", port: port).hasSuffix("c_total \(expected)\n"))
        }
    }

    @Test func servesOnTheIPv6Loopback() throws {
        let server = MetricsServer(host: "::1", port: 0, registry: Self.registry())
        let port = try server.start()
        defer { server.stop() }
        #expect(try Self.exchange("GET /metrics HTTP/1.1\r\n\r\n", port: port, host: "::1").hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func headGetsTheHeadersWithoutTheBody() throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try server.start()
        defer { server.stop() }
        let response = try Self.exchange("HEAD /metrics HTTP/1.1\r\n\r\n", port: port)
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.hasSuffix("\r\n\r\n"))
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", "404 Not Found"),
        ("GET /metricsx HTTP/1.1\r\n\r\n", "404 Not Found"),
        ("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "405 Method Not Allowed"),
        ("DELETE /metrics HTTP/1.1\r\n\r\n", "405 Method Not Allowed"),
        ("GET /metrics\r\n\r\n", "400 Bad Request"),
        ("GET /metrics HTTP/2.0\r\n\r\n", "400 Bad Request"),
        ("\u{16}\u{03}\u{01}\u{02}\r\n\r\n", "400 Bad Request"),
    ])
    func refusesOtherPathsMethodsAndGarbage(request: String, status: String) throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try server.start()
        defer { server.stop() }
        let response = try Self.exchange(request, port: port)
        #expect(response.hasPrefix("HTTP/1.1 \(status)\r\n"))
        #expect(!response.contains("veil_frames_in_total"))
        if status.hasPrefix("405") { #expect(response.contains("\r\nAllow: GET, HEAD\r\n")) }
    }

    @Test func refusesAnOversizedRequestAndKeepsServing() throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try server.start()
        defer { server.stop() }
        let huge = "GET /metrics HTTP/1.1\r\nX-Padding: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        #expect(try Self.exchange(huge, port: port).hasPrefix("HTTP/1.1 431 "))
        #expect(try Self.exchange("GET /metrics HTTP/1.1\r\n\r\n", port: port).hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func cutsOffAClientThatNeverFinishesItsRequest() throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry(), requestTimeout: .milliseconds(200))
        let port = try server.start()
        defer { server.stop() }
        let silent = try Self.connect(to: port).get()
        defer { close(silent) }
        _ = send(silent, "GET /metr", 9, Int32(MSG_NOSIGNAL))
        #expect(Self.readToEnd(silent).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(try Self.exchange("GET /metrics HTTP/1.1\r\n\r\n", port: port).hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func stopReturnsWhileAClientHoldsAConnectionOpen() throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry(), requestTimeout: .seconds(3600))
        let port = try server.start()
        let silent = try Self.connect(to: port).get()
        defer { close(silent) }
        server.stop()
        #expect(Self.readToEnd(silent).isEmpty)
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.10", "::", "example.com", "10.0.0.1", "::ffff:127.0.0.1", ""])
    func refusesToBindAnythingButLoopback(host: String) {
        let server = MetricsServer(host: host, port: 0, registry: Self.registry())
        #expect {
            _ = try server.start()
        } throws: { error in
            (error as? MetricsServerError)?.description.contains("'\(host)' is not a loopback address") == true
        }
    }

    @Test func stopsCleanlyAndReleasesThePort() throws {
        let server = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try server.start()
        #expect(try Self.exchange("GET /metrics HTTP/1.1\r\n\r\n", port: port).hasPrefix("HTTP/1.1 200 OK"))
        server.stop()
        server.stop()
        #expect(Self.connect(to: port) == .failure(Errno(rawValue: ECONNREFUSED)))
        let again = MetricsServer(host: "127.0.0.1", port: port, registry: Self.registry())
        #expect(try again.start() == port)
        again.stop()
    }

    @Test func aPortInUseIsAClearError() throws {
        let first = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try first.start()
        defer { first.stop() }
        let second = MetricsServer(host: "127.0.0.1", port: port, registry: Self.registry())
        #expect {
            _ = try second.start()
        } throws: { error in
            let text = (error as? MetricsServerError)?.description ?? ""
            return text.contains("cannot listen on 127.0.0.1:\(port)") && text.contains("choose another port")
        }
    }

    @Test func deinitStopsTheServer() throws {
        var server: MetricsServer? = MetricsServer(host: "127.0.0.1", port: 0, registry: Self.registry())
        let port = try server!.start()
        server = nil
        #expect(Self.connect(to: port) == .failure(Errno(rawValue: ECONNREFUSED)))
    }
}
