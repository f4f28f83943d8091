import Foundation
import Glibc
import Testing
import VeilTransport
import VeilTestSupport

/// Configuration mistakes and cameras that cannot be reached, each with its own clear error.
@Suite struct TLSRelayFailureTests {
    @Test func malformedPinIsAConfigurationError() {
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: 1, trust: .pinnedSHA256("12:34"))
        let error = #expect(throws: TransportError.self) { try relay.start() }
        #expect(error?.isConfigurationError == true)
        #expect(error?.description.contains("is not a SHA-256 digest") == true)
        #expect(relay.port == nil)
    }

    @Test func missingCAFileIsAConfigurationError() {
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: 1, trust: .caFile("/nonexistent/ca.pem"))
        let error = #expect(throws: TransportError.self) { try relay.verify() }
        #expect(error?.isConfigurationError == true)
        #expect(error?.description == "cannot read the CA file /nonexistent/ca.pem for camera 127.0.0.1:1: No such file or directory")
    }

    @Test func aFileWithoutCertificatesIsAConfigurationError() throws {
        let directory = try TestSupport.temporaryDirectory(prefix: "veil-tls")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.pem").path
        try "not a certificate\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: TransportError.self) {
            try TLSRelay(cameraHost: "127.0.0.1", cameraPort: 1, trust: .caFile(path)).verify()
        }
        #expect(error?.isConfigurationError == true, "\(String(describing: error))")
    }

    @Test func closedPortIsUnreachable() throws {
        let certificates = try TestCertificates()
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: try Self.closedPort(), trust: .caFile(certificates.caFile))
        let error = #expect(throws: TransportError.self) { try relay.verify() }
        #expect(error?.isUnreachable == true)
        #expect(error?.description.contains("Connection refused") == true, "\(String(describing: error))")
    }

    @Test func aPlainRTSPCameraFailsTheHandshake() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer()  // no TLS
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: server.port, trust: .caFile(certificates.caFile),
                             timeout: .seconds(2))
        let error = #expect(throws: TransportError.self) { try relay.verify() }
        #expect(error?.isCertificateRejected == false)
        #expect(error?.description.hasPrefix("TLS handshake with camera 127.0.0.1:\(server.port) failed") == true,
                "\(String(describing: error))")
    }

    @Test func startTwiceGivesTheSamePortAndStopIsIdempotent() throws {
        let certificates = try TestCertificates()
        let relay = TLSRelay(cameraHost: "127.0.0.1", cameraPort: 1, trust: .caFile(certificates.caFile))
        let port = try relay.start()
        #expect(try relay.start() == port)
        relay.stop()
        relay.stop()
        #expect(relay.port == nil)
    }

    /// A loopback port nobody listens on (bound, then closed at once).
    static func closedPort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        return UInt16(bigEndian: address.sin_port)
    }
}
