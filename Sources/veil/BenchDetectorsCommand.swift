import ArgumentParser
import Foundation
import VeilInference
import VeilPipeline
import VeilVision

/// `veil bench detectors` (hidden): person-detector recall per situation on the evaluation set,
/// masked area on frames without people, and cost per run, for each configuration given.
struct BenchDetectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detectors",
        abstract: "Score person-detector configurations on the evaluation set (Benchmarks/eval).",
        discussion: """
            A configuration is BACKEND:MODEL:WIDTHxHEIGHT:SCORE:NMS[:CLOSE], e.g. openvino:yolo:416x416:0.2:0.6 \
            (MODEL yolo, yolo-int8 or ssd; HEIGHT 0 follows the frame's aspect ratio; CLOSE, the score threshold of the \
            SSDLite close-range pass, adds that pass). Each image is detected as a \
            frame on which both detectors ran; the mask the planner draws from the detections (default \
            margins, head regions, whole bodies) is scored: a reference person is found when at least \
            80 % of their box is masked. Cost: median wall and process-CPU milliseconds of the person \
            detector's runs (--repeats per image, after a warm-up). Prints Markdown.
            """
    )

    @Option(help: "The evaluation set's references.")
    var references = "Benchmarks/eval/references.json"

    @Option(name: .customLong("config"), help: "A configuration to score (repeatable; default: the built-in comparison).")
    var configurations: [String] = []

    @Option(help: "Person-detector runs per image for the cost figures.")
    var repeats = 3

    @Option(help: "Worker threads per run (0: every core).")
    var threads = 0

    @Flag(help: "List every reference person each configuration missed.")
    var misses = false

    /// The previous default (first two rows), the new one on both backends, the close-range
    /// threshold before it (0.3), the int8 network, and the neighbours in size.
    static let comparison = [
        "opencv:yolo:608x0:0.3:0.4", "openvino:yolo:608x0:0.3:0.4",
        "opencv:yolo:704x0:0.05:0.6:0.15", "openvino:yolo:704x0:0.05:0.6:0.15",
        "openvino:yolo:704x0:0.05:0.6:0.3", "openvino:yolo:704x0:0.05:0.6",
        "openvino:yolo-int8:704x0:0.05:0.6:0.15", "openvino:yolo-int8:704x0:0.05:0.6",
        "openvino:ssd:300x300:0.15:0.6", "openvino:yolo:416x416:0.2:0.6", "openvino:yolo:832x0:0.2:0.6",
        "openvino:yolo:608x0:0.05:0.6:0.15", "openvino:yolo:640x0:0.05:0.6:0.15", "openvino:yolo:768x0:0.05:0.6:0.15",
    ]

    static let models: [String: PersonDetector.Model] = ["yolo": .yoloV3Tiny, "yolo-int8": .yoloV3TinyInt8, "ssd": .ssdLite]

    struct Configuration {
        var text: String
        var inference: InferenceOptions
        var person: PersonDetector.Options

        init(_ text: String, threads: Int) throws {
            let parts = text.split(separator: ":").map(String.init)
            let size = parts.count >= 5 ? parts[2].split(separator: "x").compactMap { Int($0) } : []
            let close = parts.count == 6 ? Float(parts[5]) : nil
            guard parts.count == 5 || (parts.count == 6 && close != nil), let backend = InferenceBackend(rawValue: parts[0]), size.count == 2,
                  let score = Float(parts[3]), let nms = Float(parts[4]), let model = BenchDetectorsCommand.models[parts[1]] else {
                throw ValidationError("--config '\(text)' is not BACKEND:MODEL:WIDTHxHEIGHT:SCORE:NMS[:CLOSE] "
                                      + "(e.g. openvino:yolo:416x416:0.2:0.6)")
            }
            self.text = text
            inference = InferenceOptions(backend: backend, threads: threads)
            let ssd = model == .ssdLite  // SSDLite's input is fixed at 300×300
            person = PersonDetector.Options(model: model, inputSize: ssd ? 608 : size[0],
                                            inputHeight: ssd || size[1] == 0 ? nil : size[1], scoreThreshold: score,
                                            nmsThreshold: nms, closeRangeThreshold: close)
        }
    }

    func run() throws {
        let referencesURL = URL(fileURLWithPath: references)
        let set = try EvaluationSet.load(referencesURL)
        let evaluation = DetectorEvaluation(set: set, directory: referencesURL.deletingLastPathComponent(),
                                            options: RedactionOptions())
        let manifest = try ModelManifest.locate()
        let situations = ["close-crowd", "seated", "far", "top-down"].filter { s in set.images.contains { $0.situation == s } }
            + [DetectorEvaluation.tiny]
        print("| configuration | " + situations.map { "\($0) found" }.joined(separator: " | ")
              + " | all found (tiny aside) | empty: frame masked | empty: largest mask | ms per run | CPU ms per run |")
        print("|---|" + String(repeating: "---|", count: situations.count + 5))
        for text in configurations.isEmpty ? Self.comparison : configurations {
            let configuration = try Configuration(text, threads: threads)
            let face = try FaceDetector(manifest: manifest, inference: configuration.inference)
            let person = try PersonDetector(manifest: manifest, options: configuration.person,
                                            inference: configuration.inference)
            _ = try evaluation.run(face: face, person: person, repeats: 1)  // first runs allocate
            let result = try evaluation.run(face: face, person: person, repeats: repeats)
            print(row(text, result, situations: situations))
            if misses {
                for miss in result.misses {
                    FileHandle.standardError.write(Data("\(text) missed \(miss.file) \(miss.box)\n".utf8))
                }
            }
        }
    }

    private func row(_ name: String, _ result: EvaluationResult, situations: [String]) -> String {
        func percent(_ tally: EvaluationResult.Tally) -> String {
            String(format: "%d/%d (%.1f %%)", tally.found, tally.people, tally.recall * 100)
        }
        let empty = result.bySituation["empty"]
        let masked = empty.map {
            String(format: "%.1f %% | %.1f %%", 100 * $0.maskedFraction / Double(max(1, $0.images)), 100 * $0.largestMask)
        } ?? "– | –"
        let cells = situations.map { percent(result.bySituation[$0] ?? .init()) }
        return "| `\(name)` | " + cells.joined(separator: " | ") + " | \(percent(result.overall)) | \(masked) | "
            + String(format: "%.1f | %.1f |", median(result.wallMilliseconds), median(result.cpuMilliseconds))
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
