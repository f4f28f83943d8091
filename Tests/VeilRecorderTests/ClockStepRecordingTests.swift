import Foundation
import Logging
import Testing
import VeilArchive
import VeilConfig
import VeilCore
import VeilRecorder
import VeilVault
import VeilTestSupport

/// The wall clock jumps an hour forward, then an hour back, while a real camera (the GStreamer
/// server) is recorded; the camera also restarts after each jump, so a new connection's segments
/// are placed by the clock of that moment. A fake wall clock is injected where the recorder and
/// its sweeper read wall time; the monotonic clock stays real.
@Suite(.serialized) struct ClockStepRecordingTests {
    /// The system's wall clock plus an offset the test steps.
    final class SteppedWallClock: WallClock, @unchecked Sendable {
        private let lock = NSLock()
        private var offset: TimeInterval = 0
        func now() -> Date { lock.withLock { Date().addingTimeInterval(offset) } }
        func step(by seconds: TimeInterval) { lock.withLock { offset += seconds } }
    }

    @Test func segmentsStayOrderedAndCompleteAndEachStepIsAudited() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let wall = SteppedWallClock()
        var logger = Logger(label: "veil.test")
        logger.logLevel = .error
        let configuration = try harness.configuration(cameras: "  - name: desk\n    url: \(server.url())\n")
        let recorder = try Recorder(configuration: configuration, logger: logger, wallClock: wall)
        recorder.start()
        let rawCount = { (try? harness.segments("desk", .raw).count) ?? 0 }
        TestSupport.waitFor(seconds: 30) { rawCount() >= 2 }
        for step in [3600.0, -3600] {
            wall.step(by: step)
            let before = rawCount()
            TestSupport.waitFor(seconds: 15) { rawCount() > before }  // a segment read the clock: noticed
            try server.restart()
            let restarted = rawCount()
            // Recording again before the next step: on a loaded machine a reconnection can take
            // long, and a restart before it would merge two outages into one gap.
            #expect(TestSupport.waitFor(seconds: 45) { rawCount() >= restarted + 2 }, "recording did not resume after the restart")
        }
        recorder.stop()

        let progress = try #require(recorder.progress.first)
        var overlaps = 0
        for kind in [SegmentKind.raw, .redacted] {
            let segments = try harness.segments("desk", kind).sorted { $0.id.rawValue < $1.id.rawValue }
            #expect(segments.count >= 3, "\(kind): \(segments.count) segments: some before, between and after the jumps")
            for (earlier, later) in zip(segments, segments.dropFirst()) {
                #expect(later.start > earlier.start && later.start >= earlier.end.addingTimeInterval(-0.001),
                        "\(kind) segment \(later.id) (\(later.start)…\(later.end)) begins before \(earlier.id) (\(earlier.start)…\(earlier.end)) ends")
                if later.start < earlier.end.addingTimeInterval(-0.001) { overlaps += 1 }
            }
            #expect(segments.allSatisfy { $0.end > $0.start })
        }
        // No segment lost: every segment the recorder finished is in the catalog, paired.
        let raw = try harness.segments("desk", .raw), redacted = try harness.segments("desk", .redacted)
        #expect(UInt64(raw.count) == progress.rawSegments && UInt64(redacted.count) == progress.redactedSegments,
                "catalog \(raw.count)/\(redacted.count) vs written \(progress.rawSegments)/\(progress.redactedSegments)")
        expectPaired(redacted: redacted, raw: raw, recorder: recorder)
        // Recording went on after each restart.
        let gaps = try harness.gaps("desk")
        #expect(gaps.count == 2, "one gap per restart: \(gaps)")
        #expect(gaps.allSatisfy { gap in raw.contains { $0.start >= gap.end } })

        // Each jump is on the record with the time the clock should have shown and the time it showed.
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: harness.dataDirectory))
        let steps = try vault.audit.entries().filter { $0.action == "clock.step" }
        #expect(steps.count == 2, "\(steps.map(\.reason))")
        #expect(steps.first?.reason.contains("clock step forward by 3600") == true || steps.first?.reason.contains("clock step forward by 3599") == true,
                "\(steps.first?.reason ?? "none")")
        #expect(steps.last?.reason.contains("clock step backward by 3600") == true || steps.last?.reason.contains("clock step backward by 3599") == true,
                "\(steps.last?.reason ?? "none")")
        #expect(steps.allSatisfy { $0.reason.contains(" from 20") && $0.reason.contains(" to 20") }, "old and new times are named")

        ReliabilityLog.record(scenario: "clock-steps-while-recording", runs: 2, [
            "segmentsLost": Double(Int(progress.rawSegments) - raw.count + Int(progress.redactedSegments) - redacted.count),
            "overlappingSegments": Double(overlaps), "clockStepsAudited": Double(steps.count),
        ])
    }
}
