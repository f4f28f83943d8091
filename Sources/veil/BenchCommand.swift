import ArgumentParser

/// `veil bench` (hidden): measurements for Benchmarks/run.sh, not for daily use.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure where the time goes on this machine (used by Benchmarks/run.sh).",
        shouldDisplay: false,
        subcommands: [BenchStagesCommand.self, BenchDetectorsCommand.self, BenchOccupancyCommand.self, BenchMetricsCommand.self]
    )
}
