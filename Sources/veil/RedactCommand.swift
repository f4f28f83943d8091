import ArgumentParser
import Foundation
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision

/// `veil redact IN -o OUT`: redact a video file to MP4.
struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Redact faces and people in a video file, writing an MP4.",
        discussion: """
            Faces and whole bodies are found by real detectors, tracked between detector runs \
            and hidden. A frame for which no fresh detection exists is masked whole. Audio is \
            dropped unless --keep-audio is given.
            """
    )

    @Argument(help: "The video to redact (any format FFmpeg reads).")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the redacted MP4.")
    var output: String

    @Flag(help: "Replace the output if it exists.")
    var force = false

    @OptionGroup(title: "Redaction")
    var redaction: RedactionArguments

    @OptionGroup(title: "Encoding")
    var encoding: EncodingArguments

    func run() throws {
        do {
            try redact()
        } catch {
            throw reportFailure(error)
        }
    }

    private func redact() throws {
        guard FileManager.default.fileExists(atPath: input) else {
            throw ValidationError("the input \(input) does not exist")
        }
        if FileManager.default.fileExists(atPath: output) && !force {
            throw ValidationError("\(output) already exists; pass --force to replace it")
        }
        let options = try redaction.options(encoding: encoding)
        let detectors = try redaction.makeDetectors(threads: encoding.threads)

        let bar = ProgressBar()
        let summary = try OfflineRedactor.run(input: input, output: output, options: options, detectors: detectors) {
            bar.update(done: $0.framesDone, total: $0.framesExpected, unit: "frames")
        }
        bar.finish()
        print(summaryLine(summary))
        if let detectorError = summary.detectorError {
            FileHandle.standardError.write(Data(
                "veil: warning: a detector failed (\(detectorError)); the affected frames were masked whole\n".utf8))
        }
    }

    private func summaryLine(_ summary: RedactionSummary) -> String {
        let statistics = summary.statistics
        let faces = statistics.detections[.face, default: 0]
        let persons = statistics.detections[.person, default: 0]
        let runs = statistics.detectorRuns.values.reduce(0, +), reused = statistics.reusedRuns.values.reduce(0, +)
        let triggered = statistics.triggeredRuns.values.reduce(0, +)
        let deferred = statistics.deferredRuns.values.reduce(0, +)
        return String(format: "redacted %d frames in %.1f s (%.1f fps): %d faces and %d persons detected, "
                      + "%d frames fully masked, %d detector runs (%d more reused, picture unchanged; "
                      + "%d deferred, change only under masks; %d brought forward by motion), "
                      + "motion net: %d regions on %d frames → %@",
                      statistics.frames, summary.seconds, summary.framesPerSecond, faces, persons,
                      statistics.fullyMaskedFrames, runs, reused, deferred, triggered,
                      statistics.motionNetRegions, statistics.motionNetFrames, output)
    }
}
