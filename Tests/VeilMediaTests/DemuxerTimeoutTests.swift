import Foundation
import Glibc
import Testing
import VeilMedia

/// A camera that accepts the connection and then says nothing must not block the reader.
@Suite struct DemuxerTimeoutTests {
    /// A loopback TCP socket that listens but never answers; returns (descriptor, port).
    func silentServer() throws -> (Int32, UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try #require(bound == 0 && listen(descriptor, 4) == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    @Test func silentCameraTimesOutWithinTheDeadline() throws {
        let (server, port) = try silentServer()
        defer { close(server) }
        let url = "rtsp://viewer:hunter2@127.0.0.1:\(port)/cam1"
        let started = ContinuousClock.now
        let error = try #require(throws: MediaError.self) {
            try Demuxer(url: url, options: ["rtsp_transport": "tcp"], timeout: .milliseconds(800))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error.isTimeout)
        #expect(elapsed < .seconds(5), "gave up after \(elapsed), not near the 0.8 s deadline")
        #expect(!error.description.contains("hunter2"), "credentials leaked into: \(error)")
        #expect(error.description.contains("rtsp://***@127.0.0.1:\(port)/cam1"))
    }
}
