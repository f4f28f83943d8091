import Foundation
import Testing
import VeilCore
import VeilVision

/// A close, dense group (the evaluation set's bar photo: people side by side, partly hidden
/// behind each other, close to the lens): with the default detectors and planner, every
/// reference person's body is at least 80 % masked; with the int8 network too.
@Suite struct CloseGroupPrivacyTests {
    struct References: Decodable {
        struct Image: Decodable {
            var file: String
            var situation: String
            var people: [Person]
        }
        struct Person: Decodable {
            var box: [Double]
            var ignore: Bool?
        }
        var images: [Image]
    }

    static let evaluation = Fixtures.repositoryRoot.appendingPathComponent("Benchmarks/eval")

    @Test(arguments: ["images/close-kpa-bar55.jpg", "images/close-kpa-three.jpg", "images/close-basketball1.png"],
          [PersonDetector.Model.yoloV3Tiny, .yoloV3TinyInt8])
    func everyPersonInACloseGroupIsMasked(file: String, model: PersonDetector.Model) throws {
        let references = try JSONDecoder().decode(
            References.self, from: Data(contentsOf: Self.evaluation.appendingPathComponent("references.json")))
        let image = try #require(references.images.first { $0.file == file })
        #expect(image.situation == "close-crowd")
        let manifest = try Fixtures.manifest()
        let detectors: [any ObjectDetector] = [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest, options: .init(model: model))]
        let frame = try Fixtures.frame(Self.evaluation.appendingPathComponent(file).path)
        let masks = try frame.withPlanes { planes in
            MaskPlanner().regions(afterFreshDetections: try detectors.flatMap { try $0.detect(in: planes) },
                                  tracker: TrackerConfiguration(), frameSize: planes.size)
        }
        let people = image.people.filter { $0.ignore != true }
        #expect(people.count >= 2)
        for person in people {
            let box = Rect(x: person.box[0], y: person.box[1], width: person.box[2], height: person.box[3])
            #expect(MaskCoverage.fraction(of: box, under: masks) >= 0.8, "\(file), \(model): \(box) is not 80 % masked")
        }
    }
}
