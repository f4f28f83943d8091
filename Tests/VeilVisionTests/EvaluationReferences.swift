import Foundation
import VeilCore
import VeilTestSupport

/// Benchmarks/eval/references.json: the evaluation set's images and the people boxed in them.
struct EvaluationReferences: Decodable {
    struct Image: Decodable {
        var file: String
        var situation: String
        var people: [Person]

        /// The people that count (the reference marks the rest `ignore`).
        var counted: [Rect] {
            people.filter { $0.ignore != true }.map { Rect(x: $0.box[0], y: $0.box[1], width: $0.box[2], height: $0.box[3]) }
        }
    }
    struct Person: Decodable {
        var box: [Double]
        var ignore: Bool?
    }
    var images: [Image]

    static let directory = Fixtures.repositoryRoot.appendingPathComponent("Benchmarks/eval")

    static func load() throws -> EvaluationReferences {
        try JSONDecoder().decode(Self.self, from: Data(contentsOf: directory.appendingPathComponent("references.json")))
    }

    static func path(of image: Image) -> String { directory.appendingPathComponent(image.file).path }
}
