import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// Over-masking is bounded by measurement, not by a rule that drops boxes (models/README.md,
/// "Over-masking"): on the evaluation set, dropping boxes implausible for one person (wider
/// than twice their height, over 4 % of the frame) cleared the one large false mask on a
/// people-free image but unmasked far people that such low-score boxes were covering. So
/// every box is kept, and these tests hold both sides of that choice.
@Suite struct OverMaskingTests {
    static func masks(on image: EvaluationReferences.Image) throws -> (masks: [Rect], frame: Size) {
        let manifest = try Fixtures.manifest()
        let detectors: [any ObjectDetector] = [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)]
        let frame = try Fixtures.frame(EvaluationReferences.path(of: image))
        return try frame.withPlanes { planes in
            (MaskPlanner().regions(afterFreshDetections: try detectors.flatMap { try $0.detect(in: planes) },
                                   tracker: TrackerConfiguration(), frameSize: planes.size), planes.size)
        }
    }

    /// No people-free image gets a mask over half of the frame (the largest measured: 41 %, a
    /// bookshelf, from the close-range pass at 0.15), and together they stay more than 95 %
    /// clear (measured: 96.6 %).
    @Test func framesWithoutPeopleStayMostlyClear() throws {
        let empty = try EvaluationReferences.load().images.filter { $0.situation == "empty" }
        #expect(empty.count >= 10)
        var masked = 0.0
        for image in empty {
            let (masks, frame) = try Self.masks(on: image)
            let largest = masks.map { MaskCoverage.fraction(ofFrame: frame, under: [$0]) }.max() ?? 0
            #expect(largest < 0.5, "\(image.file): one mask covers \(Int(largest * 100)) % of the frame")
            masked += MaskCoverage.fraction(ofFrame: frame, under: masks)
        }
        #expect(masked / Double(empty.count) < 0.05)
    }

    /// The wide, doubtful boxes over groups of far people are what keep them masked: with
    /// them, at least 95 % of the far people are (measured: 58 of 59).
    @Test func farPeopleUnderWideBoxesStayMasked() throws {
        let far = try EvaluationReferences.load().images.filter { $0.situation == "far" }
        var people = 0, found = 0
        for image in far {
            let (masks, _) = try Self.masks(on: image)
            // People under 24 px tall are scored apart in the evaluation (too small for any detector).
            for box in image.counted where box.height >= 24 {
                people += 1
                if MaskCoverage.fraction(of: box, under: masks) >= 0.8 { found += 1 }
            }
        }
        #expect(people >= 50)
        #expect(Double(found) >= 0.95 * Double(people), "\(found) of \(people) far people masked")
    }
}
