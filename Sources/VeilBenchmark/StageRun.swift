package import VeilPipeline

/// What one run of the stage benchmark measured: each stage's cost over the same frames.
package struct StageRun: Sendable {
    /// Frames decoded, redacted and encoded.
    package var frames = 0
    /// Bytes of the original packets (every track) handed to the sealer.
    package var rawBytes = 0
    package var costs: [BenchmarkStage: StageCost] = [:]
    /// What the planner decided, so that the blur's workload is visible next to its cost.
    package var statistics = RedactionStatistics()

    package init() {}
}
