import ArgumentParser
import Synchronization
import VeilMetrics

/// `veil bench metrics`: what one counter increment and one histogram observation cost on a
/// stage thread, through the registry's handles (swift-metrics over swift-prometheus) against
/// the hand-written handles they replaced (reproduced below), in the same run.
struct BenchMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Time metric updates: swift-metrics/swift-prometheus vs the hand-written handles.")

    @Option(help: "Updates per round.") var updates = 2_000_000
    @Option(help: "Rounds; the median is reported.") var rounds = 9

    func run() {
        let registry = MetricsRegistry()
        let counter = registry.counter("bench_total", help: "Benchmark.")
        let stage = registry.histogram("bench_stage_seconds", help: "Benchmark.", buckets: Histogram.latencyBuckets)
        let frame = registry.histogram("bench_frame_seconds", help: "Benchmark.", buckets: Histogram.frameLatencyBuckets)
        let oldCounter = Atomic<UInt64>(0)
        let oldStage = HandWrittenHistogram(upperBounds: Histogram.latencyBuckets)
        let oldFrame = HandWrittenHistogram(upperBounds: Histogram.frameLatencyBuckets)
        let cases: [(String, (Int) -> Void, (Int) -> Void)] = [
            ("counter increment", { _ in counter.increment() },
             { _ in oldCounter.wrappingAdd(1, ordering: .relaxed) }),
            ("histogram observe, 13 stage buckets", { stage.observe(Self.latency($0)) },
             { oldStage.observe(Self.latency($0)) }),
            ("histogram observe, 105 frame buckets", { frame.observe(Self.latency($0)) },
             { oldFrame.observe(Self.latency($0)) }),
        ]
        print("case\tnew ns/update\thand-written ns/update\tratio")
        for (name, new, old) in cases {
            let newNanoseconds = median { time(new) }
            let oldNanoseconds = median { time(old) }
            print("\(name)\t\(format(newNanoseconds))\t\(format(oldNanoseconds))\t\(format(newNanoseconds / oldNanoseconds))")
        }
        _ = registry.render()
    }

    /// 0 to 0.2 s in 2 ms steps: spread over the buckets as stage latencies are.
    private static func latency(_ index: Int) -> Double { Double(index % 100) * 0.002 }

    private func time(_ body: (Int) -> Void) -> Double {
        let start = ContinuousClock.now
        for index in 0..<updates { body(index) }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1e9 / Double(updates)
            + Double(elapsed.components.attoseconds) / 1e9 / Double(updates)
    }

    private func median(_ measure: () -> Double) -> Double {
        let samples = (0..<rounds).map { _ in measure() }.sorted()
        return samples[samples.count / 2]
    }

    private func format(_ value: Double) -> String { String(Int((value * 100).rounded())).paddedCents }
}

/// The histogram VeilPipeline had before swift-prometheus: bucket search outside one short lock.
private final class HandWrittenHistogram: Sendable {
    private struct State {
        var counts: [UInt64]
        var sum = 0.0
    }

    private let upperBounds: [Double]
    private let state: Mutex<State>

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        state = Mutex(State(counts: Array(repeating: 0, count: upperBounds.count + 1)))
    }

    func observe(_ value: Double) {
        let bucket = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
        state.withLock {
            $0.counts[bucket] += 1
            $0.sum += value
        }
    }
}

private extension String {
    /// "1234" (hundredths) as "12.34".
    var paddedCents: String {
        let digits = count < 3 ? String(repeating: "0", count: 3 - count) + self : self
        return "\(digits.dropLast(2)).\(digits.suffix(2))"
    }
}
