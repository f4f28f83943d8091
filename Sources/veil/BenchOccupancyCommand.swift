import ArgumentParser
import Foundation
import VeilBenchmark
import VeilCore
import VeilOccupancy
import VeilRecorder

/// `veil bench occupancy` (hidden): the CPU anonymous counting adds per frame, to set
/// against the frame's whole cost from `veil bench stages`.
struct BenchOccupancyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "occupancy",
        abstract: "Time anonymous occupancy counting per frame on a clip's real person detections.",
        discussion: """
            Runs the detectors over the clip once (default options), then counts its person \
            detections --replays times with the recorder's counting (a zone over the right half, a \
            line across the sample's path, an area); prints the median CPU time per frame.
            """
    )

    @Option(help: "The clip to measure (any format FFmpeg reads).")
    var clip = "samples/library-walk-720p.mp4"

    @Option(help: "How many times to count the clip's frames.")
    var replays = 20

    @OptionGroup(title: "Redaction")
    var redaction: RedactionArguments

    @OptionGroup(title: "Encoding")
    var encoding: EncodingArguments

    func run() throws {
        do {
            let layout = CountingLayout(
                zones: [CountingZone(name: "right", polygon: Polygon([Point(x: 0.5, y: 0), Point(x: 1, y: 0),
                                                                     Point(x: 1, y: 1), Point(x: 0.5, y: 1)]), capacity: 2)],
                lines: [CountingLine(name: "path", from: Point(x: 0.45, y: 0.15), to: Point(x: 0.45, y: 0.6), inside: .left)])
            let result = try OccupancyBenchmark.run(
                clip: clip, options: try redaction.options(encoding: encoding),
                detectors: try redaction.makeDetectors(threads: encoding.threads), layout: layout,
                replays: max(1, replays), directory: NSTemporaryDirectory())
            let perFrame = result.replays.map { $0.inSeconds * 1e6 / Double(result.frames) }.sorted()
            print(String(format: "occupancy counting: %d frames (person detector on %d), %d replays: median %.2f µs CPU per frame (min %.2f, max %.2f)",
                         result.frames, result.detectorFrames, perFrame.count, perFrame[perFrame.count / 2],
                         perFrame.first ?? 0, perFrame.last ?? 0))
        } catch {
            throw reportFailure(error)
        }
    }
}
