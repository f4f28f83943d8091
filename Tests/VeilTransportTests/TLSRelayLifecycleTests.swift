import Foundation
import Testing
import VeilMedia
import VeilTransport
import VeilTestSupport

/// The relay follows the camera's life: a self-signed camera is refused, stopping the relay ends
/// the stream, and a restarted camera is reached again through the same relay port.
@Suite(.serialized) struct TLSRelayLifecycleTests {
    static let tcp = ["rtsp_transport": "tcp"]

    func readPackets(_ demuxer: Demuxer, count: Int) throws -> Int {
        let packet = try Packet()
        var read = 0
        while read < count, try demuxer.read(into: packet) == .packet { read += 1 }
        return read
    }

    /// True when reading ends (end of stream or an error other than a timeout).
    func readEnds(_ demuxer: Demuxer) throws -> Bool {
        let packet = try Packet()
        do {
            while try demuxer.read(into: packet) == .packet {}
            return true
        } catch let error as MediaError {
            return !error.isTimeout
        }
    }

    @Test func selfSignedCameraIsRefusedByTheCA() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(tls: certificates.selfSigned)
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: .caFile(certificates.caFile))
        let error = try #require(throws: TransportError.self) { try relay.verify() }
        #expect(error.description == "certificate of 127.0.0.1:\(server.port) is not signed by the CA in \(certificates.caFile): self-signed certificate")
    }

    @Test func stoppingTheRelayEndsTheStream() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(tls: certificates.server)
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: .caFile(certificates.caFile))
        let port = try relay.start()
        let demuxer = try Demuxer(url: "rtsp://127.0.0.1:\(port)/cam1", options: Self.tcp, timeout: .seconds(3))
        #expect(try readPackets(demuxer, count: 5) == 5)
        relay.stop()
        #expect(try readEnds(demuxer))
    }

    @Test func restartedCameraIsReachedAgainThroughTheSameRelay() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(tls: certificates.server)
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: .pinnedSHA256(certificates.serverFingerprint))
        defer { relay.stop() }
        let port = try relay.start()
        let url = "rtsp://127.0.0.1:\(port)/cam1"
        let first = try Demuxer(url: url, options: Self.tcp, timeout: .seconds(3))
        #expect(try readPackets(first, count: 5) == 5)

        server.kill()
        #expect(try readEnds(first), "the camera went away: the relayed stream must end, not hang")
        #expect(throws: MediaError.self) { try Demuxer(url: url, options: Self.tcp, timeout: .seconds(3)) }
        #expect(relay.lastFailure?.isUnreachable == true)

        try server.restart()
        let second = try Demuxer(url: url, options: Self.tcp, timeout: .seconds(5))
        #expect(try readPackets(second, count: 5) == 5)
        #expect(relay.lastFailure == nil)
    }

    @Test func frozenCameraMakesTheRelayedReadTimeOut() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(tls: certificates.server)
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: .caFile(certificates.caFile))
        defer { relay.stop() }
        let demuxer = try Demuxer(url: "rtsp://127.0.0.1:\(try relay.start())/cam1", options: Self.tcp, timeout: .seconds(1))
        #expect(try readPackets(demuxer, count: 5) == 5)
        server.stop()
        defer { server.resume() }
        let packet = try Packet()
        let error = try #require(throws: MediaError.self) { while try demuxer.read(into: packet) == .packet {} }
        #expect(error.isTimeout, "\(error)")
    }
}
