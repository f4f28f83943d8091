/// The median and range of one figure over the runs of a benchmark.
package struct Spread: Sendable, Equatable {
    package var median: Double
    package var lowest: Double
    package var highest: Double

    /// nil for no values.
    package init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        lowest = sorted[0]
        highest = sorted[sorted.count - 1]
    }
}

/// Per-stage figures over several runs of `StageBenchmark`: milliseconds per frame (wall and
/// CPU), milliseconds per detector run, and the sealer's throughput.
package struct StageSummary: Sendable {
    package let runs: [StageRun]

    package init(runs: [StageRun]) {
        precondition(!runs.isEmpty, "a summary needs at least one run")
        self.runs = runs
    }

    /// Every stage measured, in pipeline order.
    package var stages: [BenchmarkStage] {
        Set(runs.flatMap { $0.costs.keys }).sorted()
    }

    package var frames: Int { runs[0].frames }

    package func wallMillisecondsPerFrame(_ stage: BenchmarkStage) -> Spread? {
        Spread(runs.map { 1000 * ($0.costs[stage]?.wallSeconds ?? 0) / Double($0.frames) })
    }

    package func cpuMillisecondsPerFrame(_ stage: BenchmarkStage) -> Spread? {
        Spread(runs.map { 1000 * ($0.costs[stage]?.cpuSeconds ?? 0) / Double($0.frames) })
    }

    /// Wall milliseconds per call of the stage (for a detector: per detector run).
    package func wallMillisecondsPerCall(_ stage: BenchmarkStage) -> Spread? {
        Spread(runs.compactMap { run in
            run.costs[stage].flatMap { $0.calls > 0 ? 1000 * $0.wallSeconds / Double($0.calls) : nil }
        })
    }

    /// How many times the stage ran in one run.
    package func calls(_ stage: BenchmarkStage) -> Int { runs[0].costs[stage]?.calls ?? 0 }

    /// The original stream's bytes sealed per second of wall time, in MB (10⁶ bytes) per second.
    package var sealMegabytesPerSecond: Spread? {
        Spread(runs.compactMap { run in
            run.costs[.seal].flatMap { $0.wallSeconds > 0 ? Double(run.rawBytes) / 1e6 / $0.wallSeconds : nil }
        })
    }

    /// The same per second of process CPU time: what sealing costs apart from waiting for the disk.
    package var sealMegabytesPerCPUSecond: Spread? {
        Spread(runs.compactMap { run in
            run.costs[.seal].flatMap { $0.cpuSeconds > 0 ? Double(run.rawBytes) / 1e6 / $0.cpuSeconds : nil }
        })
    }

    /// Bytes of the original stream per frame.
    package var rawBytesPerFrame: Double { Double(runs[0].rawBytes) / Double(runs[0].frames) }
}
