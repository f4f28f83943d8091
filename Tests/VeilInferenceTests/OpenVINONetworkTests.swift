import Foundation
import Testing
import VeilInference

/// The OpenVINO wrapper on the real runtime (installed by scripts/setup.sh) and the real models.
@Suite struct OpenVINONetworkTests {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../models").standardizedFileURL

    static func bytes(_ name: String) throws -> ModelBytes {
        let url = models.appendingPathComponent(name)
        return ModelBytes(path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
    }

    @Test func loadsTheInstalledRuntime() throws {
        let runtime = try OpenVINORuntime.load()
        #expect(runtime.version.hasPrefix("2026.4.1"))
        #expect(FileManager.default.fileExists(atPath: runtime.directory + "/libopenvino_c.so"))
    }

    @Test func runsYuNetAtTwoShapesFromOneRead() throws {
        let network = try OpenVINONetwork(runtime: try OpenVINORuntime.load(), files: [try Self.bytes("face_detection_yunet_2023mar.onnx")],
                                          settings: CompileSettings(threads: 1, precision: .f32))
        for (width, height) in [(640, 384), (320, 192)] {
            let input = InputTensorSpec(shape: [1, 3, height, width], element: .float32)
            let outputs = try network.run(input) { buffer in
                let floats = buffer.bindMemory(to: Float.self)
                for i in floats.indices { floats[i] = Float(i % 251) }
            }
            #expect(outputs.count == 12)
            let cells = (width / 8) * (height / 8)
            #expect(outputs[0].shape == [1, cells, 1])
            #expect(outputs.first { $0.name == "bbox_8" }?.values.count == cells * 4)
            #expect(network.compiledPrecision(for: input) == "f32")
        }
    }

    /// An IR is two files (graph and weights), both handed over from memory.
    @Test func runsAnIRFromItsGraphAndWeightsOnBytes() throws {
        let network = try OpenVINONetwork(runtime: try OpenVINORuntime.load(),
                                          files: [try Self.bytes("ssdlite-person-raw.xml"), try Self.bytes("ssdlite-person-raw.bin")])
        let input = InputTensorSpec(shape: [1, 300, 300, 3], element: .uint8)
        let outputs = try network.run(input) { buffer in buffer.initializeMemory(as: UInt8.self, repeating: 90) }
        let scores = try #require(outputs.first { $0.name == "scores" })
        #expect(outputs.first { $0.name == "boxes" }?.shape == [1, 1917, 4])
        #expect(scores.shape == [1, 1917, 2])
        #expect(scores.values.allSatisfy { (0...1).contains($0) })
    }

    @Test func anIRWithoutItsWeightsIsOneClearError() throws {
        let error = try #require(throws: InferenceError.self) {
            _ = try OpenVINONetwork(runtime: try OpenVINORuntime.load(), files: [try Self.bytes("ssdlite-person-raw.xml")])
        }
        #expect(error.code == .modelInvalid)
        #expect(error.description.contains("ssdlite-person-raw.xml"))
    }

    /// OpenVINO's own default is bf16 on CPUs that have it; Veil asks for f32 unless told.
    @Test(arguments: [InferencePrecision.f32, .bf16])
    func precisionIsTheSettingWhereTheCPUHasIt(precision: InferencePrecision) throws {
        let network = try OpenVINONetwork(runtime: try OpenVINORuntime.load(), files: [try Self.bytes("face_detection_yunet_2023mar.onnx")],
                                          settings: CompileSettings(precision: precision))
        let input = InputTensorSpec(shape: [1, 3, 192, 320], element: .float32)
        try network.prepare(input)
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let hasBF16 = flags.contains("avx512_bf16") || flags.contains("amx_bf16")
        #expect(network.compiledPrecision(for: input) == (precision == .bf16 && hasBF16 ? "bf16" : "f32"))
    }

    @Test func wrongInputShapeIsOneClearError() throws {
        let network = try OpenVINONetwork(runtime: try OpenVINORuntime.load(), files: [try Self.bytes("face_detection_yunet_2023mar.onnx")])
        let error = try #require(throws: InferenceError.self) {
            try network.prepare(InputTensorSpec(shape: [1, 3, 384], element: .float32))
        }
        #expect(error.code == .shapeInvalid)
        #expect(error.description.contains("face_detection_yunet_2023mar.onnx"))
    }

    @Test func bytesThatAreNoModelAreRefusedWithOpenVINOsMessage() throws {
        let error = try #require(throws: InferenceError.self) {
            _ = try OpenVINONetwork(runtime: try OpenVINORuntime.load(),
                                    files: [ModelBytes(path: "/models/garbage.onnx", bytes: Array("not a model".utf8))])
        }
        #expect(error.code == .modelInvalid)
        #expect(error.description.contains("/models/garbage.onnx"))
        #expect(error.description.contains("read the model"))
    }
}
