import Foundation
import Testing
import VeilMedia
import VeilTransport
import VeilTestSupport

/// `rtsps://` against the real GStreamer RTSP server with TLS: the Demuxer reads through the
/// verified relay with the right CA or pin, and a wrong CA, pin or name is refused in plain words.
@Suite(.serialized) struct TLSRelayTests {
    static let tcp = ["rtsp_transport": "tcp"]

    /// A TLS camera with Basic auth and the PKI that signed its certificate.
    func camera() throws -> (TestCertificates, RTSPTestServer) {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(credentials: .init(user: "viewer", password: "s3cret"), tls: certificates.server)
        return (certificates, server)
    }

    func relay(to server: RTSPTestServer, trust: TLSTrust, serverName: String? = nil) -> TLSRelay {
        TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: trust, serverName: serverName, timeout: .seconds(3))
    }

    /// Opens the camera through the relay and reads `count` packets.
    func readThroughRelay(_ relay: TLSRelay, server: RTSPTestServer, count: Int) throws -> Int {
        let location = try #require(RTSPSLocation(url: server.authorizedURL))
        let url = location.relayedURL(localPort: try relay.start())
        let demuxer = try Demuxer(url: url, options: Self.tcp, timeout: .seconds(5))
        #expect(try demuxer.bestVideoStream().codecName == "h264")
        let packet = try Packet()
        var read = 0
        while read < count, try demuxer.read(into: packet) == .packet { read += 1 }
        return read
    }

    @Test func readsPacketsThroughTheRelayWithTheRightCA() throws {
        let (certificates, server) = try camera()
        let relay = relay(to: server, trust: .caFile(certificates.caFile))
        defer { relay.stop() }
        try relay.verify()
        #expect(try readThroughRelay(relay, server: server, count: 25) == 25)
        #expect(relay.lastFailure == nil)
    }

    @Test func readsPacketsThroughTheRelayWithTheRightPin() throws {
        let (certificates, server) = try camera()
        // The way `openssl x509 -fingerprint` prints it: upper case with colons.
        let printed = stride(from: 0, to: 64, by: 2).map { offset in
            let start = certificates.serverFingerprint.index(certificates.serverFingerprint.startIndex, offsetBy: offset)
            return certificates.serverFingerprint[start...].prefix(2).uppercased()
        }.joined(separator: ":")
        let relay = relay(to: server, trust: .pinnedSHA256(printed))
        defer { relay.stop() }
        #expect(try readThroughRelay(relay, server: server, count: 25) == 25)
    }

    @Test func caAndPinTogether() throws {
        let (certificates, server) = try camera()
        let relay = relay(to: server, trust: .caFileAndPin(caFile: certificates.caFile, sha256: certificates.serverFingerprint))
        defer { relay.stop() }
        try relay.verify()
        #expect(try readThroughRelay(relay, server: server, count: 5) == 5)
    }

    @Test func wrongCAIsRefusedWithAClearMessage() throws {
        let (certificates, server) = try camera()
        let relay = relay(to: server, trust: .caFile(certificates.otherCAFile))
        defer { relay.stop() }
        let error = try #require(throws: TransportError.self) { try relay.verify() }
        #expect(error.isCertificateRejected)
        #expect(error.description.hasPrefix("certificate of 127.0.0.1:\(server.port) is not signed by the CA in \(certificates.otherCAFile): "),
                "\(error)")
        // Through the relay the stream does not open, and the relay says why.
        #expect(throws: MediaError.self) { _ = try readThroughRelay(relay, server: server, count: 1) }
        #expect(relay.lastFailure?.isCertificateRejected == true)
    }

    @Test func wrongPinIsRefusedWithBothFingerprints() throws {
        let (certificates, server) = try camera()
        let wrong = String(repeating: "ab", count: 32)
        let relay = relay(to: server, trust: .pinnedSHA256(wrong))
        defer { relay.stop() }
        let error = try #require(throws: TransportError.self) { try relay.verify() }
        #expect(error.isCertificateRejected)
        #expect(error.description == "certificate of 127.0.0.1:\(server.port) does not match the pinned SHA-256 fingerprint: "
            + "expected \(wrong), got \(certificates.serverFingerprint)")
        #expect(throws: MediaError.self) { _ = try readThroughRelay(relay, server: server, count: 1) }
        #expect(relay.lastFailure == error)
    }

    @Test func rightCAButWrongNameIsRefused() throws {
        let (certificates, server) = try camera()
        let relay = relay(to: server, trust: .caFile(certificates.caFile), serverName: "camera.example")
        let error = try #require(throws: TransportError.self) { try relay.verify() }
        #expect(error.isCertificateRejected)
        #expect(error.description.contains("is not issued for \"camera.example\""), "\(error)")
    }
}
