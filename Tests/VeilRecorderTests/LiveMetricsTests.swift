import Foundation
import Testing
import VeilCore
@testable import VeilRecorder
import VeilMetrics
import VeilPipeline
import VeilTestSupport
import VeilArchive

/// The measurements `Benchmarks/live.sh` reads from a scrape, taken from a real recording of a
/// real RTSP camera: they must count what happened, not merely exist.
struct LiveMetricsTests {
    @Test func everyEncodedFrameHasItsLatencyAndSealingIsTimedAndCounted() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let seconds = 6.0
        let started = Date()
        let recorder = try harness.record(
            try harness.configuration(cameras: LiveRecordingTests.camera("hall", url: server.url())), seconds: seconds)
        let wallSeconds = Date().timeIntervalSince(started)
        let metrics = recorder.metrics.camera("hall")

        // Every frame the encoder took was measured once, when its packet came out: stopping
        // finishes the last segment, which flushes the frames the encoder still held.
        let latency = metrics.endToEndLatency.snapshot
        #expect(metrics.framesOut.value > 0)
        #expect(latency.count == metrics.framesOut.value)
        #expect(latency.sum > 0)
        // No frame took longer than the whole recording (start-up included): the first bucket at
        // or past it, or the last finite one when the recording outlasted it, holds them all.
        let bound = latency.upperBounds.firstIndex { $0 >= wallSeconds } ?? latency.upperBounds.count - 1
        #expect(latency.cumulativeCounts[bound] == latency.count)

        #expect(metrics.stageDuration(.decode).snapshot.count > 0)
        #expect(metrics.stageDuration(.detect).snapshot.count > 0)
        #expect(metrics.detections(.person).value > 0, "the sample shows people in every frame")
        #expect(metrics.detectorFailures(.person).value == 0 && metrics.detectorFailures(.face).value == 0)
        #expect(metrics.stageDuration(.detect).snapshot.count <= metrics.stageDuration(.redact).snapshot.count)

        // Sealing cost some CPU time, and less than the whole process did.
        let sealSeconds = metrics.sealCPU.seconds
        #expect(sealSeconds > 0)
        let (processSeconds, processAttoseconds) = CPUTime.process.components
        #expect(sealSeconds < Double(processSeconds) + Double(processAttoseconds) / 1e18)

        // The sealed-bytes counter is exactly the plaintext the raw segments hold.
        var plaintext = 0
        for segment in try harness.segments("hall", .raw) { plaintext += try harness.openRaw(segment).count }
        #expect(plaintext > 0)
        #expect(metrics.bytesSealed.value == UInt64(plaintext))

        let exposition = recorder.metrics.registry.render()
        #expect(exposition.contains("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total "))
        #expect(exposition.contains("veil_seal_cpu_seconds_total{camera=\"hall\"} "))
        #expect(exposition.contains("veil_frame_latency_seconds_bucket{camera=\"hall\",le=\"0.25\"} "))
    }

    @Test func readTimesFollowFramesThroughDecoderReordering() {
        let clock = ContinuousClock.now
        func at(_ milliseconds: Int) -> ContinuousClock.Instant { clock + .milliseconds(milliseconds) }
        var times = PacketReadTimes()
        // Decoding order I P B B (pts 0 3 1 2); pts 6 was corrupt and never becomes a frame.
        for (pts, read) in [(0, 0), (3, 40), (1, 80), (2, 120), (6, 160), (4, 200)] { times.add(at(read), pts: Int64(pts)) }
        times.add(at(240), pts: nil)
        #expect(times.take(0) == at(0))
        #expect(times.take(1) == at(80))
        #expect(times.take(2) == at(120))
        #expect(times.take(3) == at(40))
        #expect(times.take(4) == at(200))
        #expect(times.take(nil) == nil)
        #expect(times.take(7) == nil)
        #expect(times.take(6) == nil, "the corrupt packet's entry was forgotten once a later frame came out")
    }
}
