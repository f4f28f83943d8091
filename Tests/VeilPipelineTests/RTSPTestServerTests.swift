import Foundation
import Testing
import VeilMedia
import VeilTestSupport

/// The real RTSP camera behaves like one towards our `Demuxer`: it streams, refuses wrong
/// credentials, can freeze (reads time out, never hang) and can go away (reads end).
@Suite(.serialized) struct RTSPTestServerTests {
    static let tcp = ["rtsp_transport": "tcp"]

    /// Reads `count` video packets, returning how many carried a presentation time.
    func readPackets(_ demuxer: Demuxer, count: Int) throws -> [Int64] {
        let packet = try Packet()
        var times: [Int64] = []
        while times.count < count {
            guard try demuxer.read(into: packet) == .packet else { break }
            times.append(packet.pts ?? -1)
        }
        return times
    }

    @Test func demuxerReadsLivePacketsOverTCP() throws {
        let server = try RTSPTestServer()
        let demuxer = try Demuxer(url: server.url(), options: Self.tcp, timeout: .seconds(5))
        let video = try demuxer.bestVideoStream()
        #expect(video.codecName == "h264")
        #expect(video.width == 1280 && video.height == 720)
        let times = try readPackets(demuxer, count: 30)
        #expect(times.count == 30)
        // Live timing: presentation times advance frame by frame (the server re-times the file).
        let known = times.filter { $0 >= 0 }
        #expect(known.count >= 28 && known == known.sorted() && Set(known).count == known.count, "\(times)")
    }

    @Test func rightCredentialsOpenAndWrongOnesFailClearly() throws {
        let server = try RTSPTestServer(credentials: .init(user: "viewer", password: "s3cret"))
        let demuxer = try Demuxer(url: server.authorizedURL, options: Self.tcp, timeout: .seconds(5))
        #expect(try readPackets(demuxer, count: 5).count == 5)

        let error = try #require(throws: MediaError.self) {
            try Demuxer(url: server.url(user: "viewer", password: "wrong"), options: Self.tcp, timeout: .seconds(5))
        }
        #expect(!error.isTimeout)
        #expect(error.description.contains("401") || error.description.lowercased().contains("authoriz"), "\(error)")
        #expect(!error.description.contains("wrong"), "credentials leaked into: \(error)")
    }

    @Test func frozenServerMakesReadTimeOutWithinTheDeadline() throws {
        let server = try RTSPTestServer()
        let demuxer = try Demuxer(url: server.url(), options: Self.tcp, timeout: .seconds(1))
        #expect(try readPackets(demuxer, count: 5).count == 5)
        server.stop()
        defer { server.resume() }
        let packet = try Packet()
        let started = ContinuousClock.now
        // Packets already buffered in the socket still arrive; the read that needs the network times out.
        let error = try #require(throws: MediaError.self) {
            while try demuxer.read(into: packet) == .packet {}
        }
        #expect(error.isTimeout, "\(error)")
        #expect(ContinuousClock.now - started < .seconds(8), "gave up only after \(ContinuousClock.now - started)")
    }

    @Test func killedServerEndsTheRead() throws {
        let server = try RTSPTestServer()
        let demuxer = try Demuxer(url: server.url(), options: Self.tcp, timeout: .seconds(3))
        #expect(try readPackets(demuxer, count: 5).count == 5)
        server.kill()
        let packet = try Packet()
        var ended = false
        do {
            while try demuxer.read(into: packet) == .packet {}
            ended = true  // end of stream: on a live input this means "disconnected"
        } catch let error as MediaError {
            ended = !error.isTimeout  // a reset connection is an error; a timeout would mean the end went unnoticed
        }
        #expect(ended)
    }

    @Test func restartedServerServesAgainOnTheSamePort() throws {
        let server = try RTSPTestServer()
        let port = server.port
        server.kill()
        #expect(throws: MediaError.self) { try Demuxer(url: server.url(), options: Self.tcp, timeout: .seconds(2)) }
        try server.restart()
        #expect(server.port == port)
        let demuxer = try Demuxer(url: server.url(), options: Self.tcp, timeout: .seconds(5))
        #expect(try readPackets(demuxer, count: 5).count == 5)
    }
}
