import Foundation
import Testing
import VeilCore
import VeilVision
import VeilTestSupport

@Suite struct ModelLoadingTests {
    /// A scratch copy of models/ (YuNet and the manifest only) that a test may damage.
    final class ScratchModels {
        let directory: URL
        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("veil-models-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for name in ["manifest.json", "face_detection_yunet_2023mar.onnx"] {
                try FileManager.default.copyItem(at: Fixtures.modelsDirectory.appendingPathComponent(name),
                                                 to: directory.appendingPathComponent(name))
            }
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
        var onnx: URL { directory.appendingPathComponent("face_detection_yunet_2023mar.onnx") }
    }

    @Test func manifestDescribesTheFilesInModels() throws {
        let manifest = try Fixtures.manifest()
        for name in [ModelManifest.yuNetName, ModelManifest.yoloV3TinyName, ModelManifest.yoloV3TinyONNXName,
                     ModelManifest.yoloV3TinyInt8Name, ModelManifest.ssdLiteName, ModelManifest.ssdLiteRawName] {
            let model = try manifest.model(named: name)
            for file in model.files {
                let path = manifest.directory.appendingPathComponent(file.path).path
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
                #expect(size == file.bytes, "\(file.path)")
                #expect(file.sha256.count == 64)
            }
            #expect(FileManager.default.fileExists(atPath: manifest.directory.appendingPathComponent(model.licence).path))
        }
    }

    /// The option defaults in code and the thresholds in the manifest must not drift apart.
    @Test func optionDefaultsMatchTheManifest() throws {
        let manifest = try Fixtures.manifest()
        let yunet = try manifest.model(named: ModelManifest.yuNetName), face = FaceDetector.Options()
        #expect(yunet.input.width == face.inputWidth)
        #expect(yunet.scoreThreshold == face.scoreThreshold && yunet.nmsThreshold == face.nmsThreshold)
        let yolo = try manifest.model(named: ModelManifest.yoloV3TinyName), person = PersonDetector.Options()
        #expect(yolo.input.width == person.inputSize && yolo.input.height == (person.inputHeight ?? 0))
        #expect(yolo.scoreThreshold == person.scoreThreshold && yolo.nmsThreshold == person.nmsThreshold)
        #expect(yunet.detects == .face && yolo.detects == .person)
        #expect(try manifest.model(named: ModelManifest.ssdLiteName).input.width == 300)
    }

    @Test func locatesModelsFromTheCurrentDirectoryOrItsParents() throws {
        let root = Fixtures.modelsDirectory.deletingLastPathComponent()
        let fromRoot = try ModelManifest.locate(environment: [:], currentDirectory: root.path, executablePath: nil)
        #expect(fromRoot.directory.standardizedFileURL.path == Fixtures.modelsDirectory.standardizedFileURL.path)
        let fromSources = try ModelManifest.locate(
            environment: [:], currentDirectory: root.appendingPathComponent("Sources/VeilVision").path,
            executablePath: nil)
        #expect(fromSources.models.keys.contains(ModelManifest.yuNetName))
        // A `swift build` binary run from elsewhere finds models/ above .build/debug/.
        let fromBinary = try ModelManifest.locate(
            environment: [:], currentDirectory: "/", executablePath: root.appendingPathComponent(".build/debug/veil").path)
        #expect(fromBinary.models.keys.contains(ModelManifest.yoloV3TinyName))
    }

    /// An installed binary (PREFIX/bin/veil) uses PREFIX/share/veil/models, even when run from
    /// a directory that has a models/ of its own (a checkout of another version).
    @Test func anInstalledBinaryUsesTheModelsInstalledWithIt() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("veil-prefix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let installed = prefix.appendingPathComponent("share/veil/models")
        try FileManager.default.createDirectory(at: installed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.modelsDirectory.appendingPathComponent("manifest.json"),
                                         to: installed.appendingPathComponent("manifest.json"))
        let found = try ModelManifest.locate(environment: [:], currentDirectory: Fixtures.modelsDirectory.deletingLastPathComponent().path,
                                             executablePath: prefix.appendingPathComponent("bin/veil").path)
        #expect(found.directory.standardizedFileURL.path == installed.standardizedFileURL.path)
    }

    @Test func environmentVariableWinsAndMustBeRight() throws {
        let scratch = try ScratchModels()
        let manifest = try ModelManifest.locate(environment: ["VEIL_MODELS_DIR": scratch.directory.path],
                                                currentDirectory: "/", executablePath: nil)
        #expect(manifest.directory.path == scratch.directory.path)
        #expect { try ModelManifest.locate(environment: ["VEIL_MODELS_DIR": "/nonexistent"], currentDirectory: "/",
                                           executablePath: nil) }
            throws: { ($0 as? VisionError)?.code == .modelsDirectoryNotFound }
    }

    @Test func noModelsDirectoryIsAClearError() throws {
        let error = try #require(throws: VisionError.self) {
            try ModelManifest.locate(environment: [:], currentDirectory: "/proc", executablePath: nil)
        }
        #expect(error.code == .modelsDirectoryNotFound)
        #expect(error.description.contains("VEIL_MODELS_DIR"))
    }

    @Test func alteredModelFileIsRejectedWithBothHashes() throws {
        let scratch = try ScratchModels()
        var bytes = try Data(contentsOf: scratch.onnx)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: scratch.onnx)
        let error = try #require(throws: VisionError.self) {
            try FaceDetector(manifest: try ModelManifest(directory: scratch.directory))
        }
        #expect(error.code == .modelHashMismatch)
        #expect(error.file == scratch.onnx.path)
        let expected = try ModelManifest(directory: scratch.directory).model(named: ModelManifest.yuNetName).files[0].sha256
        #expect(error.description.contains(expected))
        #expect(error.description.contains("git checkout -- models/"))
        #expect(error.description.contains("damaged or replaced"))
        // The actual hash of the damaged file is named too (64 hex digits other than the expected one).
        let hexRuns = error.description.split(whereSeparator: { !$0.isHexDigit }).filter { $0.count == 64 }
        #expect(Set(hexRuns).count == 2)
    }

    /// The whole message, word for word as the OpenSSL-based check wrote it, with the actual hash
    /// of a file holding "abc" (FIPS 180-2's first SHA-256 example), so the digest is checked too.
    @Test func mismatchMessageNamesTheKnownDigestOfTheFile() throws {
        let scratch = try ScratchModels()
        try Data("abc".utf8).write(to: scratch.onnx)
        let error = try #require(throws: VisionError.self) {
            try FaceDetector(manifest: try ModelManifest(directory: scratch.directory))
        }
        let expected = try ModelManifest(directory: scratch.directory).model(named: ModelManifest.yuNetName).files[0].sha256
        #expect(error.code == .modelHashMismatch)
        #expect(error.description == "loading model \(ModelManifest.yuNetName) failed (\(scratch.onnx.path)): it has SHA-256 "
            + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, expected \(expected.lowercased()): "
            + "it was damaged or replaced. Restore the models directory from git (`git checkout -- models/` in the repository)")
    }

    @Test func missingModelFileIsRejected() throws {
        let scratch = try ScratchModels()
        try FileManager.default.removeItem(at: scratch.onnx)
        let error = try #require(throws: VisionError.self) {
            try FaceDetector(manifest: try ModelManifest(directory: scratch.directory))
        }
        #expect(error.code == .modelFileMissing)
        #expect(error.description.contains(scratch.onnx.path))
    }

    @Test func missingModelEntryIsRejected() throws {
        let scratch = try ScratchModels()
        // The scratch directory has no YOLO files; the manifest has the entry, so the file is missing.
        let error = try #require(throws: VisionError.self) {
            try PersonDetector(manifest: try ModelManifest(directory: scratch.directory))
        }
        #expect(error.code == .modelFileMissing)
        let noSSD = try #require(throws: VisionError.self) {
            try ModelManifest(directory: scratch.directory).model(named: "no-such-model")
        }
        #expect(noSSD.code == .modelNotInManifest)
    }
}
