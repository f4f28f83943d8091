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
        // Each outage starts only once recording has resumed after the last one (fixed sleeps
        // merged two outages into one gap when a loaded machine was slow to reconnect).
        func recordsSegment(startingAfter time: Date) throws -> Bool {
            try harness.segments("stacks", .raw).contains { $0.start > time }
        }
        let recorder = try harness.record(try harness.configuration(cameras: Self.camera("stacks", url: server.url())), seconds: 4) { _ in
            try #require(try TestSupport.waitFor(seconds: 30) { try recordsSegment(startingAfter: .distantPast) }, "recording began")
            for outage in 1...3 {
                server.kill()
                Thread.sleep(forTimeInterval: 1.5)
                try server.restart()
                let restarted = Date()
                try #require(try TestSupport.waitFor(seconds: 30) { try recordsSegment(startingAfter: restarted) },
                             "recording resumed after outage \(outage)")
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
        _ = try harness.record(try harness.configuration(cameras: cameras), seconds: 1) { _ in
            TestSupport.waitFor(seconds: 40) { ((try? harness.segments("entrance", .redacted).count) ?? 0) >= 3 }
        }
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
