import Testing
import VeilCore
import VeilInference
import VeilVision
import VeilTestSupport

/// Every shipped model gives the same detections on OpenVINO (f32) as on OpenCV DNN, on real
/// fixture frames: the decoders are shared, so this checks the runtimes, the input preparation
/// and, for YOLOv3-tiny, the ONNX conversion against OpenCV's own Darknet import.
@Suite struct BackendEquivalenceTests {
    static let openCV = InferenceOptions(backend: .opencv)
    static let openVINO = InferenceOptions(backend: .openvino, threads: 2, precision: .f32)
    static let frames = [Fixtures.vtest(frame: 0), Fixtures.vtest(frame: 200), Fixtures.basketball1, Fixtures.messi]

    /// Each detection of `reference` has one in `other` with the same box to `pixels` and the
    /// same score to `score`, and the counts agree (boxes near the threshold aside).
    func expectSame(_ reference: [Detection], _ other: [Detection], pixels: Double, score: Float, threshold: Float,
                    _ context: String) {
        let clear = reference.filter { $0.score > threshold + score }
        for expected in clear {
            let match = other.min { distance($0.box, expected.box) < distance($1.box, expected.box) }
            #expect(match.map { distance($0.box, expected.box) <= pixels } == true,
                    "\(context): no box within \(pixels) px of \(expected.box); nearest \(String(describing: match?.box))")
            if let match { #expect(abs(match.score - expected.score) <= score, "\(context): \(match.score) vs \(expected.score)") }
        }
        #expect(abs(other.filter { $0.score > threshold + score }.count - clear.count) <= 1, "\(context)")
        #expect(!clear.isEmpty || reference.isEmpty, "\(context): nothing clear to compare")
    }

    func distance(_ a: Rect, _ b: Rect) -> Double {
        [abs(a.minX - b.minX), abs(a.minY - b.minY), abs(a.maxX - b.maxX), abs(a.maxY - b.maxY)].max()!
    }

    @Test(arguments: [Fixtures.messi, Fixtures.astronaut, Fixtures.basketball1])
    func yuNetMatchesOpenCV(path: String) throws {
        let manifest = try Fixtures.manifest()
        let options = FaceDetector.Options(scoreThreshold: 0.5)
        let reference = try FaceDetector(manifest: manifest, options: options, inference: Self.openCV)
        let candidate = try FaceDetector(manifest: manifest, options: options, inference: Self.openVINO)
        #expect(candidate.runtimeDescription.hasPrefix("OpenVINO 2026.4.1") && reference.runtimeDescription == "OpenCV DNN")
        let image = try Fixtures.frame(path)
        let (expected, actual) = try image.withPlanes { (try reference.detect(in: $0), try candidate.detect(in: $0)) }
        expectSame(expected, actual, pixels: 0.5, score: 1e-3, threshold: 0.5, path)
    }

    /// The ONNX conversion on OpenVINO against the Darknet files on OpenCV, at the aspect-kept
    /// and the square input.
    @Test(arguments: [(608, Int?.none), (416, Int?.some(416))])
    func convertedYOLOMatchesOpenCVsDarknetImport(width: Int, height: Int?) throws {
        let manifest = try Fixtures.manifest()
        let options = PersonDetector.Options(inputSize: width, inputHeight: height, scoreThreshold: 0.25, nmsThreshold: 0.5)
        let reference = try PersonDetector(manifest: manifest, options: options, inference: Self.openCV)
        let candidate = try PersonDetector(manifest: manifest, options: options, inference: Self.openVINO)
        for path in Self.frames {
            let image = try Fixtures.frame(path)
            let (expected, actual) = try image.withPlanes { (try reference.detect(in: $0), try candidate.detect(in: $0)) }
            expectSame(expected, actual, pixels: 1.0, score: 2e-3, threshold: 0.25, "\(path) at \(width)")
        }
    }

    /// The IR cut before the graph's post-processing, decoded and merged by Veil (OpenVINO),
    /// against the whole frozen graph through OpenCV's text-graph DetectionOutput: the same
    /// people, boxes within 2 px on the full frame.
    @Test func ssdLiteMatchesOpenCV() throws {
        let manifest = try Fixtures.manifest()
        let options = PersonDetector.Options(model: .ssdLite, scoreThreshold: 0.4, closeRangeThreshold: nil)
        let reference = try PersonDetector(manifest: manifest, options: options, inference: Self.openCV)
        let candidate = try PersonDetector(manifest: manifest, options: options, inference: Self.openVINO)
        for path in [Fixtures.vtest(frame: 200), Fixtures.basketball1] {
            let image = try Fixtures.frame(path)
            let (expected, actual) = try image.withPlanes { (try reference.detect(in: $0), try candidate.detect(in: $0)) }
            expectSame(expected, actual, pixels: 2, score: 0.01, threshold: 0.4, path)
        }
    }
}
