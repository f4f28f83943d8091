import Testing
import VeilMedia
import VeilPipeline
import VeilTestSupport

/// How a failed open is classified for the connection state machine, against the real camera.
@Suite(.serialized) struct ConnectionFailureTests {
    @Test func refusedCredentialsAreARefusalAndAGoneServerIsUnreachable() throws {
        let server = try RTSPTestServer(credentials: .init(user: "viewer", password: "s3cret"))
        let refused = #expect(throws: MediaError.self) {
            try Demuxer(url: server.url(user: "viewer", password: "nope"), options: RTSPTestServerTests.tcp, timeout: .seconds(5))
        }
        #expect(ConnectionFailure(openingError: try #require(refused)) == .authenticationRefused)
        #expect(ConnectionFailure(openingError: try #require(refused)).isRefusal)

        server.kill()
        let gone = #expect(throws: MediaError.self) {
            try Demuxer(url: server.authorizedURL, options: RTSPTestServerTests.tcp, timeout: .seconds(5))
        }
        #expect(ConnectionFailure(openingError: try #require(gone)) == .unreachable, "\(String(describing: gone))")
    }

    @Test func aFrozenServerIsUnreachable() throws {
        let server = try RTSPTestServer()
        server.stop()
        defer { server.resume() }
        let frozen = #expect(throws: MediaError.self) {
            try Demuxer(url: server.url(), options: RTSPTestServerTests.tcp, timeout: .milliseconds(800))
        }
        #expect(ConnectionFailure(openingError: try #require(frozen)) == .unreachable)
    }

    @Test func aMissingPathIsNeitherRefusedNorUnreachable() throws {
        let server = try RTSPTestServer()
        let missing = #expect(throws: MediaError.self) {
            try Demuxer(url: "rtsp://127.0.0.1:\(server.port)/nothing-here", options: RTSPTestServerTests.tcp, timeout: .seconds(5))
        }
        #expect(ConnectionFailure(openingError: try #require(missing)) == .other, "\(String(describing: missing))")
    }
}
