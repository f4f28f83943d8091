import Foundation
import VeilBenchmark
import VeilCore
import VeilPipeline
import VeilMedia
import VeilVision

/// The Markdown that `veil bench stages` prints: one table of the stages, the total, and the
/// sealing line with its share of the pipeline's CPU worked out.
struct StageReport {
    let summary: StageSummary
    let clip: String
    let width: Int
    let height: Int
    let options: RedactionOptions

    var markdown: String {
        let stages = summary.stages
        var lines = [
            "### Stages at \(width)×\(height)",
            "",
            "`\((clip as NSString).lastPathComponent)`, first \(summary.frames) frames, \(summary.runs.count) run\(summary.runs.count == 1 ? "" : "s"); "
                + "encoder \(options.encoder.codecName) \(options.encoder.preset) crf \(options.encoder.crf); "
                + cadences + "; threads \(options.threads == 0 ? "automatic" : String(options.threads)). "
                + "Each stage runs alone over all frames. Wall: elapsed time; CPU: process CPU time, its own "
                + "helper threads included. Median (lowest–highest) over the runs.",
            "",
            "| stage | wall ms/frame | wall range | CPU ms/frame | CPU range | calls per run | wall ms per call |",
            "|---|---|---|---|---|---|---|",
        ]
        for stage in stages {
            guard let wall = summary.wallMillisecondsPerFrame(stage), let cpu = summary.cpuMillisecondsPerFrame(stage),
                  let perCall = summary.wallMillisecondsPerCall(stage) else { continue }
            let isDetector = if case .detect = stage { true } else { false }
            lines.append("| \(stage) | \(figure(wall.median)) | \(range(wall)) | \(figure(cpu.median)) | \(range(cpu)) | "
                         + "\(summary.calls(stage)) | \(isDetector ? "\(figure(perCall.median)) (\(range(perCall)))" : "—") |")
        }
        let wallTotal = stages.compactMap { summary.wallMillisecondsPerFrame($0)?.median }.reduce(0, +)
        let cpuMedians = stages.compactMap { stage in summary.cpuMillisecondsPerFrame(stage).map { (stage, $0.median) } }
        let cpuTotal = cpuMedians.map(\.1).reduce(0, +)
        lines.append("| **total** (sum of the medians) | \(figure(wallTotal)) | | \(figure(cpuTotal)) | | | |")
        lines.append("")
        lines.append(planLine)
        if let seal = summary.sealMegabytesPerSecond, let sealWall = summary.wallMillisecondsPerFrame(.seal),
           let sealCPU = summary.cpuMillisecondsPerFrame(.seal) {
            let terms = cpuMedians.map { figure($0.1) }.joined(separator: " + ")
            lines.append("")
            lines.append("Seal (MPEG-TS remux + AES-256-GCM into a throwaway vault, final fsync included): "
                         + "**\(figure(seal.median)) MB/s** (\(range(seal))) of the original stream"
                         + (summary.sealMegabytesPerCPUSecond.map { " (\(figure($0.median)) MB per CPU second)" } ?? "") + ", "
                         + String(format: "%.1f kB per frame", summary.rawBytesPerFrame / 1000)
                         + " → \(figure(sealWall.median)) ms/frame wall, \(figure(sealCPU.median)) ms/frame CPU. "
                         + "Share of the pipeline's CPU: \(figure(sealCPU.median)) ÷ (\(terms)) = "
                         + "\(figure(sealCPU.median)) ÷ \(figure(cpuTotal)) = "
                         + "**\(figure(100 * sealCPU.median / cpuTotal)) %**.")
        }
        return lines.joined(separator: "\n")
    }

    private var cadences: String {
        DetectionKind.allCases.compactMap { kind in
            options.schedule.cadence(of: kind).map { "\(kind) detector every \($0 == 1 ? "frame" : "\($0) frames")" }
        }.joined(separator: ", ")
    }

    /// What the blur had to hide, from the first run (the same every run).
    private var planLine: String {
        let statistics = summary.runs[0].statistics
        let found = DetectionKind.allCases.map { "\(statistics.detections[$0, default: 0]) \($0)" }.joined(separator: ", ")
        return "Detections per run: \(found); frames masked whole: \(statistics.fullyMaskedFrames) of \(statistics.frames)."
    }

    /// Three significant figures without an exponent for the magnitudes seen here.
    private func figure(_ value: Double) -> String {
        switch abs(value) {
        case 100...: String(format: "%.0f", value)
        case 10..<100: String(format: "%.1f", value)
        case 1..<10: String(format: "%.2f", value)
        default: String(format: "%.3g", value)
        }
    }

    private func range(_ spread: Spread) -> String { "\(figure(spread.lowest))–\(figure(spread.highest))" }
}
