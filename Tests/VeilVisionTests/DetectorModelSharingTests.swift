import Testing
import VeilCore
import VeilInference
import VeilTestSupport
import VeilVision

/// `veil record` builds one face and one person detector per camera; cameras with the same
/// settings and frame size share one compiled model per network (issue 22, lever 5) and find
/// exactly what detectors compiled on their own find. Each test has a model cache of its own.
@Suite struct DetectorModelSharingTests {
    static let openVINO = InferenceOptions(backend: .openvino, threads: 2)

    @Test func twoCamerasDetectorsShareCompiledModelsAndFindTheSame() throws {
        let manifest = try Fixtures.manifest()
        let cache = OpenVINOModelCache()
        let faces = try (0..<2).map { _ in
            try FaceDetector(manifest: manifest, options: .init(), inference: Self.openVINO, modelCache: cache)
        }
        let people = try (0..<2).map { _ in
            try PersonDetector(manifest: manifest, options: .init(), inference: Self.openVINO, modelCache: cache)
        }
        // YuNet, YOLOv3-tiny and the close-range SSDLite: compiled once each, not once per camera.
        #expect(cache.compilations == 3)
        #expect(faces[0].compiledModelIdentities.count == 1)
        #expect(faces[0].compiledModelIdentities == faces[1].compiledModelIdentities)
        #expect(people[0].compiledModelIdentities.count == 2)
        #expect(people[0].compiledModelIdentities == people[1].compiledModelIdentities)

        let alone = OpenVINOModelCache()
        let face = try FaceDetector(manifest: manifest, options: .init(), inference: Self.openVINO, modelCache: alone)
        let person = try PersonDetector(manifest: manifest, options: .init(), inference: Self.openVINO, modelCache: alone)
        let astronaut = try Fixtures.frame(Fixtures.astronaut), street = try Fixtures.frame(Fixtures.vtest(frame: 200))
        let expectedFaces = try astronaut.withPlanes { try face.detect(in: $0) }
        let expectedPeople = try street.withPlanes { try person.detect(in: $0) }
        #expect(!expectedFaces.isEmpty && !expectedPeople.isEmpty)
        for detector in faces { #expect(try astronaut.withPlanes { try detector.detect(in: $0) } == expectedFaces) }
        for detector in people { #expect(try street.withPlanes { try detector.detect(in: $0) } == expectedPeople) }
    }

    /// Two cameras' detectors running at once on one compiled model, each with its own request:
    /// every result is what a detector compiled on its own finds in that camera's frame.
    @Test func camerasSharingAModelDetectAtOnceWithUnchangedResults() async throws {
        let manifest = try Fixtures.manifest()
        let cache = OpenVINOModelCache()
        let cameras = try (0..<2).map { _ in
            try FaceDetector(manifest: manifest, options: .init(), inference: Self.openVINO, modelCache: cache)
        }
        let alone = try FaceDetector(manifest: manifest, options: .init(), inference: Self.openVINO,
                                     modelCache: OpenVINOModelCache())
        let frames = [try Fixtures.frame(Fixtures.astronaut), try Fixtures.frame(Fixtures.messi)]
        let expected = try frames.map { frame in try frame.withPlanes { try alone.detect(in: $0) } }
        #expect(expected.allSatisfy { !$0.isEmpty })
        let results = try await withThrowingTaskGroup(of: (Int, [Detection]).self) { group in
            for round in 0..<6 {
                let camera = round % 2
                let (detector, frame) = (cameras[camera], frames[camera].copy())
                group.addTask { (camera, try frame.withPlanes { try detector.detect(in: $0) }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6)
        for (camera, faces) in results { #expect(faces == expected[camera], "camera \(camera)") }
        // The nominal 16:9 shape compiled at start-up is shared; each frame's own shape was compiled
        // once, by the first camera to see it (a 512×512 and a 548×342 frame).
        #expect(cache.compilations == 3)
        #expect(Set(cameras[0].compiledModelIdentities).intersection(cameras[1].compiledModelIdentities).count == 1)
    }

    /// A camera with another input size or other inference settings gets a model of its own;
    /// what is the same (the close-range pass's fixed 300×300 SSDLite) is still shared.
    @Test func differentShapesOrSettingsDoNotShare() throws {
        let manifest = try Fixtures.manifest()
        let cache = OpenVINOModelCache()
        let wide = try FaceDetector(manifest: manifest, options: .init(inputWidth: 640), inference: Self.openVINO,
                                    modelCache: cache)
        let narrow = try FaceDetector(manifest: manifest, options: .init(inputWidth: 320), inference: Self.openVINO,
                                      modelCache: cache)
        let oneThread = try FaceDetector(manifest: manifest, options: .init(inputWidth: 640),
                                         inference: InferenceOptions(backend: .openvino, threads: 1), modelCache: cache)
        #expect(cache.compilations == 3)
        #expect(Set(wide.compiledModelIdentities + narrow.compiledModelIdentities + oneThread.compiledModelIdentities).count == 3)

        let large = try PersonDetector(manifest: manifest, options: .init(inputSize: 704), inference: Self.openVINO,
                                       modelCache: cache)
        let small = try PersonDetector(manifest: manifest, options: .init(inputSize: 416), inference: Self.openVINO,
                                       modelCache: cache)
        #expect(cache.compilations == 3 + 3)
        #expect(large.compiledModelIdentities[0] != small.compiledModelIdentities[0])
        #expect(large.compiledModelIdentities[1] == small.compiledModelIdentities[1])
    }
}
