import CoreMetrics
import Synchronization
import VeilCore

/// Observations sorted into fixed buckets (stage latencies), for one label set of one metric.
///
/// A swift-metrics `Recorder` that aggregates, over swift-prometheus' value histogram (what a
/// scrape renders; it keeps buckets, sum and count under one lock, so a scrape never shows a
/// `_count` that disagrees with the `+Inf` bucket), plus the same buckets kept here for
/// in-process reads (``snapshot``), which neither library offers. The registry keeps it alive
/// for as long as the registry lives.
public final class Histogram: Sendable {
    /// Latency buckets in seconds, 1 ms to 10 s: a frame at 25 fps lasts 40 ms, so the
    /// interesting range for a stage is a few ms to a few hundred; seconds mean a stall.
    public static let latencyBuckets: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// Buckets for a frame's whole trip through the live pipeline: every 10 ms up to 1 s, so a
    /// p50 or p99 read from a scrape is good to about 10 ms where the target lies (< 250 ms),
    /// then coarser up to 10 s, where a frame is late anyway.
    public static let frameLatencyBuckets: [Double] = (1...100).map { Double($0) / 100 } + [1.5, 2, 3, 5, 10]

    /// What a histogram held at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// The finite upper bounds, ascending; the `+Inf` bucket is implicit.
        public var upperBounds: [Double]
        /// Observations ≤ each bound (cumulative, as Prometheus exposes them), one per bound.
        public var cumulativeCounts: [UInt64]
        /// All observations, the `+Inf` bucket.
        public var count: UInt64
        /// The sum of all observed values.
        public var sum: Double
    }

    private struct State {
        /// Per bucket, not cumulative; the last entry is the `+Inf` overflow bucket.
        var counts: [UInt64]
        var sum = 0.0
    }

    let upperBounds: [Double]
    private let exported: Recorder
    private let state: Mutex<State>

    /// `upperBounds` must be finite and strictly ascending (checked by the registry) and the
    /// ones `exported` was made with.
    init(_ exported: Recorder, upperBounds: [Double]) {
        self.exported = exported
        self.upperBounds = upperBounds
        state = Mutex(State(counts: Array(repeating: 0, count: upperBounds.count + 1)))
    }

    /// Records one value (seconds, for latency histograms).
    public func observe(_ value: Double) {
        exported.record(value)
        let bucket = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
        state.withLock {
            $0.counts[bucket] += 1
            $0.sum += value
        }
    }

    /// Records a duration in seconds.
    public func observe(_ duration: Duration) {
        observe(duration.inSeconds)
    }

    /// The buckets, sum and count as one consistent picture.
    public var snapshot: Snapshot {
        let (counts, sum) = state.withLock { ($0.counts, $0.sum) }
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(counts.count)
        var running: UInt64 = 0
        for count in counts {
            running += count
            cumulative.append(running)
        }
        let total = cumulative.removeLast()
        return Snapshot(upperBounds: upperBounds, cumulativeCounts: cumulative, count: total, sum: sum)
    }
}
