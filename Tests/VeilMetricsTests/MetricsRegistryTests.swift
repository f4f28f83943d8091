import Foundation
import Synchronization
import Testing
import VeilCore
@testable import VeilMetrics

/// The exposition text byte for byte, thread safety of the handles, and the recorder's names.
struct MetricsRegistryTests {
    @Test func countersRenderWithHelpTypeAndSortedLabelSets() {
        let registry = MetricsRegistry()
        registry.counter("veil_frames_in_total", help: "Frames decoded.", labels: ["camera": "yard"]).increment(by: 3)
        registry.counter("veil_frames_in_total", help: "Frames decoded.", labels: ["camera": "door"]).increment()
        registry.counter("veil_epochs_shredded_total", help: "Epochs shredded.").increment(by: 2)
        #expect(registry.render() == """
            # HELP veil_epochs_shredded_total Epochs shredded.
            # TYPE veil_epochs_shredded_total counter
            veil_epochs_shredded_total 2
            # HELP veil_frames_in_total Frames decoded.
            # TYPE veil_frames_in_total counter
            veil_frames_in_total{camera="door"} 1
            veil_frames_in_total{camera="yard"} 3

            """)
    }

    /// swift-prometheus spells gauge values as Swift prints a `Double` (`5.0`, `-inf`, `nan`),
    /// where the hand-written registry wrote `5`, `-Inf`, `NaN`: Prometheus parses both alike
    /// (Go's ParseFloat, case-insensitive for inf and nan).
    @Test func gaugesGoUpAndDownAndSpellNumbersAsPrometheusReadsThem() {
        let registry = MetricsRegistry()
        let depth = registry.gauge("veil_queue_depth", help: "Queued.", labels: ["queue": "detect", "camera": "door"])
        depth.set(7)
        depth.increment()
        depth.decrement(by: 3)
        registry.gauge("veil_camera_fps", help: "FPS.", labels: ["camera": "door"]).set(24.5)
        let odd = registry.gauge("odd", help: "Odd values.", labels: ["v": "nan"])
        odd.set(Double.nan)
        registry.gauge("odd", help: "Odd values.", labels: ["v": "inf"]).set(-Double.infinity)
        registry.gauge("odd", help: "Odd values.", labels: ["v": "small"]).set(0.00001)
        #expect(depth.value == 5)
        #expect(registry.render() == """
            # HELP odd Odd values.
            # TYPE odd gauge
            odd{v="inf"} -inf
            odd{v="nan"} nan
            odd{v="small"} 1e-05
            # HELP veil_camera_fps FPS.
            # TYPE veil_camera_fps gauge
            veil_camera_fps{camera="door"} 24.5
            # HELP veil_queue_depth Queued.
            # TYPE veil_queue_depth gauge
            veil_queue_depth{camera="door",queue="detect"} 5.0

            """)
    }

    /// Bucket bounds and sums as Swift prints a `Double` (`le="1.0"`, `_sum 0.0`), which is also
    /// how Prometheus 3 normalises classic histogram `le` labels.
    @Test func histogramsRenderCumulativeBucketsSumAndCount() {
        let registry = MetricsRegistry()
        let latency = registry.histogram("veil_stage_duration_seconds", help: "Stage time.",
                                         labels: ["camera": "door", "stage": "detect"], buckets: [0.1, 1])
        latency.observe(0.0625)
        latency.observe(.milliseconds(500))
        latency.observe(4)
        _ = registry.histogram("plain_seconds", help: "No labels.", buckets: [0.005])
        #expect(latency.snapshot == .init(upperBounds: [0.1, 1], cumulativeCounts: [1, 2], count: 3, sum: 4.5625))
        #expect(registry.render() == """
            # HELP plain_seconds No labels.
            # TYPE plain_seconds histogram
            plain_seconds_bucket{le="0.005"} 0
            plain_seconds_bucket{le="+Inf"} 0
            plain_seconds_sum 0.0
            plain_seconds_count 0
            # HELP veil_stage_duration_seconds Stage time.
            # TYPE veil_stage_duration_seconds histogram
            veil_stage_duration_seconds_bucket{camera="door",stage="detect",le="0.1"} 1
            veil_stage_duration_seconds_bucket{camera="door",stage="detect",le="1.0"} 2
            veil_stage_duration_seconds_bucket{camera="door",stage="detect",le="+Inf"} 3
            veil_stage_duration_seconds_sum{camera="door",stage="detect"} 4.5625
            veil_stage_duration_seconds_count{camera="door",stage="detect"} 3

            """)
    }

    @Test func secondsCountersAndCountersReadAtScrapeRenderInSeconds() {
        let registry = MetricsRegistry()
        let sealing = registry.secondsCounter("veil_seal_cpu_seconds_total", help: "Sealing.", labels: ["camera": "door"])
        sealing.add(.milliseconds(1500))
        sealing.add(.nanoseconds(250))
        let reads = Mutex(0)
        registry.counter("process_cpu_seconds_total", help: "CPU.") { reads.withLock { $0 += 1; return Double($0) / 4 } }
        #expect(sealing.seconds == 1.50000025)
        #expect(registry.secondsCounter("veil_seal_cpu_seconds_total", help: "Sealing.", labels: ["camera": "door"]) === sealing)
        #expect(registry.render() == """
            # HELP process_cpu_seconds_total CPU.
            # TYPE process_cpu_seconds_total counter
            process_cpu_seconds_total 0.25
            # HELP veil_seal_cpu_seconds_total Sealing.
            # TYPE veil_seal_cpu_seconds_total counter
            veil_seal_cpu_seconds_total{camera="door"} 1.50000025

            """)
        #expect(registry.render().contains("process_cpu_seconds_total 0.5\n"), "read again at every scrape")
    }

    @Test func threadCPUTimeCountsWorkNotWaiting() {
        let counter = MetricsRegistry().secondsCounter("c_seconds_total", help: "c")
        counter.addThreadCPUTime { Thread.sleep(forTimeInterval: 0.2) }
        let afterSleeping = counter.seconds
        var sink = 0.0
        counter.addThreadCPUTime { for i in 0..<3_000_000 { sink += Double(i).squareRoot() } }
        #expect(sink > 0)
        #expect(afterSleeping < 0.1, "sleeping 0.2 s costs almost no CPU time")
        #expect(counter.seconds > afterSleeping)
    }

    @Test func aValueOnABucketBoundaryCountsInThatBucket() {
        let histogram = MetricsRegistry().histogram("h_seconds", help: "h", buckets: Histogram.latencyBuckets)
        histogram.observe(0.001)
        histogram.observe(10)
        histogram.observe(10.5)
        let snapshot = histogram.snapshot
        #expect(snapshot.cumulativeCounts.first == 1)
        #expect(snapshot.cumulativeCounts.last == 2)
        #expect(snapshot.count == 3)
    }

    /// swift-prometheus drops control characters from help texts instead of escaping a line
    /// feed; Veil's help texts are fixed by the code and have none.
    @Test func labelValuesAndHelpAreEscaped() {
        let registry = MetricsRegistry()
        registry.counter("c_total", help: "Back\\slash and\nnew line \"quoted\".",
                         labels: ["camera": "a\"b\\c\nd"]).increment()
        #expect(registry.render() == #"""
            # HELP c_total Back\\slash andnew line "quoted".
            # TYPE c_total counter
            c_total{camera="a\"b\\c\nd"} 1

            """#)
    }

    @Test func aCarriageReturnLineFeedIsEscapedToo() {
        // "\r\n" is a single Character in Swift; the line feed inside it must still be escaped.
        let registry = MetricsRegistry()
        registry.gauge("g", help: "Two\r\nlines.", labels: ["camera": "x\r\ny"]).set(1)
        #expect(registry.render() == "# HELP g Twolines.\n# TYPE g gauge\ng{camera=\"x\r\\ny\"} 1.0\n")
    }

    @Test func theSameNameAndLabelsGiveTheSameHandle() {
        let registry = MetricsRegistry()
        let first = registry.counter("c_total", help: "c", labels: ["camera": "a"])
        #expect(registry.counter("c_total", help: "c", labels: ["camera": "a"]) === first)
        #expect(registry.counter("c_total", help: "c", labels: ["camera": "b"]) !== first)
    }

    @Test func oneNameRegisteredAsTwoDifferentMetricsTraps() async {
        // Names are fixed by the code, so a clash is a programmer error, caught on first run.
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("veil_x_total", help: "x", labels: ["camera": "a"])
            _ = registry.gauge("veil_x_total", help: "x", labels: ["camera": "a"])
        }
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("veil_x_total", help: "x", labels: ["camera": "a"])
            _ = registry.counter("veil_x_total", help: "x", labels: ["camera": "a", "kind": "b"])
        }
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("veil-x", help: "not a Prometheus name")
        }
    }

    @Test func namesFollowPrometheusCharacterRules() {
        #expect(MetricName.isValidMetricName("veil_frames_in_total"))
        #expect(MetricName.isValidMetricName("job:veil_fps:rate5m"))
        #expect(!MetricName.isValidMetricName("9lives"))
        #expect(!MetricName.isValidMetricName("veil-fps"))
        #expect(!MetricName.isValidMetricName("caméra"))
        #expect(!MetricName.isValidMetricName(""))
        #expect(MetricName.isValidLabelName("camera"))
        #expect(!MetricName.isValidLabelName("__name__"))
        #expect(!MetricName.isValidLabelName("a:b"))
    }

    @Test func concurrentUpdatesFromSeveralThreadsAllCount() {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c")
        let gauge = registry.gauge("g", help: "g")
        let histogram = registry.histogram("h_seconds", help: "h")
        let threads = 4, perThread = 50_000
        // Real threads, as the stage threads are; a scrape renders meanwhile.
        DispatchQueue.concurrentPerform(iterations: threads + 1) { index in
            guard index < threads else {
                for _ in 0..<20 { _ = registry.render() }
                return
            }
            for step in 0..<perThread {
                counter.increment()
                gauge.increment()
                histogram.observe(Double(step % 3) * 0.01)
            }
        }
        #expect(counter.value == UInt64(threads * perThread))
        #expect(gauge.value == Double(threads * perThread))
        let snapshot = histogram.snapshot
        #expect(snapshot.count == UInt64(threads * perThread))
        #expect(snapshot.cumulativeCounts[Histogram.latencyBuckets.firstIndex(of: 0.001)!] == UInt64(threads * ((perThread + 2) / 3)))
    }

    @Test func recorderMetricsExistAtZeroForEveryReasonKindAndStage() {
        let metrics = RecorderMetrics()
        let door = metrics.camera("door")
        door.framesIn.increment()
        door.framesFullyMasked(.detectorFailed).increment(by: 2)
        door.stageDuration(.detect).observe(.milliseconds(30))
        door.queueDepth("detect").set(3)
        door.motionNetRegions.increment(by: 2)
        metrics.storageBytes(.raw).set(1 << 20)
        let text = metrics.registry.render()
        for line in [
            #"veil_packets_in_total{camera="door"} 0"#,
            #"veil_packets_dropped_total{camera="door",reason="overload"} 0"#,
            #"veil_decode_errors_total{camera="door"} 0"#,
            #"veil_frames_in_total{camera="door"} 1"#,
            #"veil_frames_out_total{camera="door"} 0"#,
            #"veil_frames_fully_masked_total{camera="door",reason="detectorFailed"} 2"#,
            #"veil_frames_fully_masked_total{camera="door",reason="noDetectionYet"} 0"#,
            #"veil_frames_fully_masked_total{camera="door",reason="detectionStale"} 0"#,
            #"veil_detections_total{camera="door",kind="face"} 0"#,
            #"veil_detections_total{camera="door",kind="person"} 0"#,
            #"veil_motion_net_regions_total{camera="door"} 2"#,
            #"veil_stage_duration_seconds_bucket{camera="door",stage="detect",le="0.05"} 1"#,
            #"veil_stage_duration_seconds_count{camera="door",stage="encode"} 0"#,
            #"veil_frame_latency_seconds_count{camera="door"} 0"#,
            #"veil_queue_depth{camera="door",queue="detect"} 3.0"#,
            #"veil_camera_up{camera="door"} 0.0"#,
            #"veil_reconnects_total{camera="door"} 0"#,
            #"veil_sealed_bytes_total{camera="door"} 0"#,
            #"veil_segments_written_total{camera="door",kind="raw"} 0"#,
            #"veil_epochs_shredded_total 0"#,
            #"veil_storage_bytes{kind="raw"} 1048576.0"#,
        ] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        // Asking again (a rebuilt pipeline) continues the same series.
        #expect(metrics.camera("door").framesIn === door.framesIn)
        // Conventions: counters end in _total, histograms in _seconds.
        for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            if parts[3] == "counter" { #expect(parts[2].hasSuffix("_total")) }
            if parts[3] == "histogram" { #expect(parts[2].hasSuffix("_seconds")) }
        }
    }
}
