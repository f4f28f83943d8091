import Foundation
import Testing
import VeilArchive
import VeilConfig
import VeilRecorder
import VeilTestSupport

/// Cameras that go away, never come, or cannot prove who they are.
@Suite(.serialized) struct ResilienceTests {
    static func camera(_ name: String, url: String, extra: String = "") -> String {
        "  - name: \(name)\n    url: \(url)\n" + extra
    }

    @Test func reconnectsAfterTheServerGoesAwayAndRecordsEachGap() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let recorder = try harness.record(try harness.configuration(cameras: Self.camera("stacks", url: server.url())), seconds: 6) { _ in
            Thread.sleep(forTimeInterval: 5)
            for _ in 1...3 {
                server.kill()
                Thread.sleep(forTimeInterval: 1.5)
                try server.restart()
                Thread.sleep(forTimeInterval: 5)
            }
        }
        let gaps = try harness.gaps("stacks")
        #expect(gaps.count >= 3, "one gap per outage: \(gaps)")
        #expect(gaps.allSatisfy { $0.reason == .disconnected && $0.end > $0.start })
        let redacted = try harness.segments("stacks", .redacted)
        let raw = try harness.segments("stacks", .raw)
        expectPaired(redacted: redacted, raw: raw, recorder: recorder)
        #expect(redacted.last.map { $0.start > gaps.last!.end } == true, "recording resumed after the last outage")
    }

    @Test func anUnreachableCameraDoesNotHoldUpAnother() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let cameras = Self.camera("entrance", url: server.url()) + Self.camera("attic", url: "rtsp://127.0.0.1:9/none")
        _ = try harness.record(try harness.configuration(cameras: cameras), seconds: 8)
        #expect(try harness.segments("entrance", .redacted).count >= 3)
        #expect(try harness.segments("attic", .redacted).isEmpty)
    }

    @Test func rtspsRecordsWithTheRightCAAndIsRefusedWithAWrongOne() throws {
        let certificates = try TestCertificates()
        let server = try RTSPTestServer(tls: certificates.server)
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let good = Self.camera("trusted", url: server.url(), extra: "    tls:\n      caFile: \(certificates.caFile)\n")
        let bad = Self.camera("impostor", url: server.url(), extra: "    tls:\n      caFile: \(certificates.otherCAFile)\n")
        _ = try harness.record(try harness.configuration(cameras: good + bad), seconds: 8)
        #expect(try harness.segments("trusted", .redacted).count >= 2)
        #expect(try harness.segments("impostor", .raw).isEmpty, "a camera whose certificate does not verify is never recorded")
    }
}
