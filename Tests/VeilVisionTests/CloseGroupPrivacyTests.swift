import Foundation
import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// A close, dense group (the evaluation set's bar photo: people side by side, partly hidden
/// behind each other, close to the lens): with the default detectors and planner, every
/// reference person's body is at least 80 % masked; with the int8 network too.
@Suite struct CloseGroupPrivacyTests {
    @Test(arguments: ["images/close-kpa-bar55.jpg", "images/close-kpa-three.jpg", "images/close-basketball1.png"],
          [PersonDetector.Model.yoloV3Tiny, .yoloV3TinyInt8])
    func everyPersonInACloseGroupIsMasked(file: String, model: PersonDetector.Model) throws {
        let image = try #require(try EvaluationReferences.load().images.first { $0.file == file })
        #expect(image.situation == "close-crowd")
        let manifest = try Fixtures.manifest()
        let detectors: [any ObjectDetector] = [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest, options: .init(model: model))]
        let frame = try Fixtures.frame(EvaluationReferences.path(of: image))
        let masks = try frame.withPlanes { planes in
            MaskPlanner().regions(afterFreshDetections: try detectors.flatMap { try $0.detect(in: planes) },
                                  tracker: TrackerConfiguration(), frameSize: planes.size)
        }
        #expect(image.counted.count >= 2)
        for box in image.counted {
            #expect(MaskCoverage.fraction(of: box, under: masks) >= 0.8, "\(file), \(model): \(box) is not 80 % masked")
        }
    }
}
