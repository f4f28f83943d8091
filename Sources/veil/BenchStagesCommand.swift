import ArgumentParser
import Foundation
import VeilBenchmark
import VeilMedia
import VeilPipeline

/// `veil bench stages` (hidden): milliseconds per frame of each pipeline stage on a real clip,
/// with the production types and default options, printed as Markdown for Benchmarks/RESULTS.md.
struct BenchStagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Time each redaction stage alone (decode, detect, track/plan, blur, encode, seal) on a clip.",
        discussion: """
            Each run decodes the first --frames frames into memory, then runs every stage alone over \
            all of them: the detectors at their cadence, the tracker and mask planner, the blur, the \
            encoder, and the recorder's sealing of the original packets into a throwaway vault. Wall \
            time and process CPU time (helper threads included) per frame; median and range over \
            --runs runs, after one short warm-up run. Prints Markdown.
            """
    )

    @Option(help: "The clip to measure (any format FFmpeg reads).")
    var clip = "samples/library-walk-720p.mp4"

    @Option(help: "Frames to use from the start of the clip.")
    var frames = 200

    @Option(help: "Runs to take the median and range over.")
    var runs = 3

    @Option(help: "Directory for the throwaway vault (default: the temporary directory).")
    var directory: String?

    @OptionGroup(title: "Redaction")
    var redaction: RedactionArguments

    @OptionGroup(title: "Encoding")
    var encoding: EncodingArguments

    func validate() throws {
        guard frames >= 1 else { throw ValidationError("--frames must be at least 1, not \(frames)") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, not \(runs)") }
    }

    func run() throws {
        do {
            try measure()
        } catch {
            throw reportFailure(error)
        }
    }

    private func measure() throws {
        guard FileManager.default.fileExists(atPath: clip) else {
            throw ValidationError("the clip \(clip) does not exist")
        }
        let options = try redaction.options(encoding: encoding)
        let detectors = try redaction.makeDetectors(threads: encoding.threads)
        let sealer = try ThrowawayVaultSealer(directory: directory ?? NSTemporaryDirectory())
        defer { sealer.removeVault() }

        // Model loading and first-call set-up (OpenCV allocates on the first forward pass) are not stage costs.
        _ = try StageBenchmark(clip: clip, frameLimit: min(frames, 5), options: options, detectors: detectors,
                               sealer: sealer).run()
        let benchmark = StageBenchmark(clip: clip, frameLimit: frames, options: options, detectors: detectors, sealer: sealer)
        let summary = StageSummary(runs: try (0..<runs).map { _ in try benchmark.run() })
        let video = try Demuxer(url: clip).bestVideoStream()
        print(StageReport(summary: summary, clip: clip, width: video.width, height: video.height, options: options).markdown)
    }
}
