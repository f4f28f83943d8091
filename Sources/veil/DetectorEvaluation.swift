import Foundation
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision

struct EvaluationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Benchmarks/eval/references.json: still frames by situation, each person's box checked by eye.
struct EvaluationSet: Decodable {
    struct Person: Decodable {
        var box: [Double]
        var ignore: Bool?
        var rect: Rect { Rect(x: box[0], y: box[1], width: box[2], height: box[3]) }
    }

    struct Image: Decodable {
        var file: String
        var situation: String
        var people: [Person]
    }

    var images: [Image]

    static func load(_ url: URL) throws -> EvaluationSet {
        do {
            return try JSONDecoder().decode(EvaluationSet.self, from: Data(contentsOf: url))
        } catch {
            throw EvaluationError("cannot read the evaluation set \(url.path): \(error)")
        }
    }
}

/// What one detector configuration achieved on the set.
struct EvaluationResult {
    struct Tally {
        var people = 0
        var found = 0
        var images = 0
        var maskedFraction = 0.0
        /// The largest share of a frame one mask rectangle took.
        var largestMask = 0.0
        var recall: Double { people == 0 ? 1 : Double(found) / Double(people) }
    }

    var bySituation: [String: Tally] = [:]
    var wallMilliseconds: [Double] = []
    var cpuMilliseconds: [Double] = []
    /// Each missed reference person: image file and box.
    var misses: [(file: String, box: Rect)] = []

    var overall: Tally {
        bySituation.filter { $0.key != "empty" && $0.key != DetectorEvaluation.tiny }.values.reduce(into: Tally()) {
            $0.people += $1.people
            $0.found += $1.found
        }
    }
}

/// Runs detectors on every image as the pipeline would on a frame where both ran, and scores
/// the mask the planner draws from their detections against the reference people.
struct DetectorEvaluation {
    let set: EvaluationSet
    let directory: URL
    let options: RedactionOptions
    /// A reference person is found when at least this fraction of their box is masked.
    static let foundCoverage = 0.8
    /// People shorter than this are scored apart, as `tiny`: the smallest "far" people the
    /// detection issue asks for are 25 px tall, and a 10-px figure is beyond any detector.
    static let tinyHeight = 24.0
    static let tiny = "tiny"

    func run(face: FaceDetector, person: PersonDetector, repeats: Int) throws -> EvaluationResult {
        var result = EvaluationResult()
        for image in set.images {
            let frame = try StillImage.load(directory.appendingPathComponent(image.file))
            let masks = try frame.withPlanes { planes -> [Rect] in
                let faces = try face.detect(in: planes)
                var people: [Detection] = []
                for _ in 0..<max(1, repeats) {
                    let (wall, cpu) = (ContinuousClock.now, CPUTime.process)
                    people = try person.detect(in: planes)
                    result.wallMilliseconds.append((ContinuousClock.now - wall).inSeconds * 1000)
                    result.cpuMilliseconds.append((CPUTime.process - cpu).inSeconds * 1000)
                }
                return MaskPlanner(configuration: options.masks)
                    .regions(afterFreshDetections: faces + people, tracker: options.tracker, frameSize: planes.size)
            }
            result.bySituation[image.situation, default: .init()].images += 1
            result.bySituation[image.situation, default: .init()].maskedFraction +=
                MaskCoverage.fraction(ofFrame: frame.size, under: masks)
            let largest = masks.map { MaskCoverage.fraction(ofFrame: frame.size, under: [$0]) }.max() ?? 0
            result.bySituation[image.situation, default: .init()].largestMask =
                max(result.bySituation[image.situation]!.largestMask, largest)
            for reference in image.people where reference.ignore != true {
                let situation = reference.rect.height < Self.tinyHeight ? Self.tiny : image.situation
                result.bySituation[situation, default: .init()].people += 1
                if MaskCoverage.fraction(of: reference.rect, under: masks) >= Self.foundCoverage {
                    result.bySituation[situation, default: .init()].found += 1
                } else {
                    result.misses.append((image.file, reference.rect))
                }
            }
        }
        return result
    }
}
