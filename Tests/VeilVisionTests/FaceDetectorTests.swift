import Testing
import VeilCore
import VeilVision
import VeilTestSupport

@Suite
struct FaceDetectorTests {
    let detector: FaceDetector

    init() throws {
        detector = try FaceDetector(manifest: try Fixtures.manifest())
    }

    @Test func findsTheAstronautsFace() throws {
        let image = try Fixtures.frame(Fixtures.astronaut)
        let faces = try image.withPlanes { try detector.detect(in: $0) }
        let face = try #require(faces.first, "no face in astronaut.png")
        // Eileen Collins' face: about x 180…270, y 65…175 of the 512×512 picture.
        #expect(face.kind == .face)
        #expect(face.score >= 0.8)
        #expect(face.box.center.x > 190 && face.box.center.x < 260)
        #expect(face.box.center.y > 90 && face.box.center.y < 150)
        #expect(face.box.width > 60 && face.box.width < 130)
    }

    @Test func findsMessisFace() throws {
        let image = try Fixtures.frame(Fixtures.messi)
        let faces = try image.withPlanes { try detector.detect(in: $0) }
        let face = try #require(faces.first, "no face in messi5.jpg")
        // The player's face: about x 226…257, y 92…133 of the 548×342 picture.
        #expect(face.score >= 0.8)
        #expect(face.box.center.x > 225 && face.box.center.x < 260)
        #expect(face.box.center.y > 95 && face.box.center.y < 130)
        #expect(face.box.height > 20 && face.box.height < 70)
    }

    @Test(arguments: [320, 480, 640])
    func findsTheFaceAtEveryInputWidth(width: Int) throws {
        let small = try FaceDetector(manifest: try Fixtures.manifest(), options: .init(inputWidth: width))
        let image = try Fixtures.frame(Fixtures.astronaut)
        let faces = try image.withPlanes { try small.detect(in: $0) }
        #expect(faces.contains { $0.box.center.x > 190 && $0.box.center.x < 260 })
    }

    /// One instance used from several threads at once: calls are serialized, results unchanged.
    @Test func concurrentCallsOnOneInstanceGiveTheSameFaces() async throws {
        let image = try Fixtures.frame(Fixtures.astronaut)
        let shared = detector
        let serial = try image.withPlanes { try shared.detect(in: $0) }
        let results = try await withThrowingTaskGroup(of: [Detection].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let copy = image.copy()
                    return try copy.withPlanes { try shared.detect(in: $0) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0 == serial })
    }

    @Test func inputWidthIsRoundedToMultiplesOf32() {
        #expect(FaceDetector.Options(inputWidth: 640).effectiveInputWidth == 640)
        #expect(FaceDetector.Options(inputWidth: 500).effectiveInputWidth == 512)
        #expect(FaceDetector.Options(inputWidth: 10).effectiveInputWidth == 32)
    }

    @Test func rejectsThresholdsOutOfRange() throws {
        #expect { try FaceDetector(manifest: try Fixtures.manifest(), options: .init(scoreThreshold: 1.5)) }
            throws: { ($0 as? VisionError)?.code == .invalidArgument }
    }
}
