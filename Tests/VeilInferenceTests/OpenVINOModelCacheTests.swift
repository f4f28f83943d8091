import Testing
import VeilInference

/// One compiled model per process for each model, input shape and settings (issue 22, lever 5).
/// Each test has a cache of its own, so its counts do not see other tests' networks.
@Suite struct OpenVINOModelCacheTests {
    static let yuNet = "face_detection_yunet_2023mar.onnx"
    static let small = InputTensorSpec(shape: [1, 3, 192, 320], element: .float32)
    static let large = InputTensorSpec(shape: [1, 3, 384, 640], element: .float32)

    static func network(_ cache: OpenVINOModelCache, _ settings: CompileSettings = CompileSettings(threads: 1),
                        files: [String] = [yuNet]) throws -> OpenVINONetwork {
        try OpenVINONetwork(runtime: try OpenVINORuntime.load(), files: try files.map(OpenVINONetworkTests.bytes),
                            settings: settings, cache: cache)
    }

    static func run(_ network: OpenVINONetwork, _ input: InputTensorSpec) throws -> [OutputTensor] {
        try network.run(input) { buffer in
            let floats = buffer.bindMemory(to: Float.self)
            for i in floats.indices { floats[i] = Float((i * 7) % 256) }
        }
    }

    @Test func networksWithTheSameBytesShapeAndSettingsShareOneCompiledModel() throws {
        let cache = OpenVINOModelCache()
        let first = try Self.network(cache), second = try Self.network(cache)
        let (a, b) = (try Self.run(first, Self.small), try Self.run(second, Self.small))
        #expect(cache.compilations == 1)
        #expect(first.compiledModelIdentities.count == 1)
        #expect(first.compiledModelIdentities == second.compiledModelIdentities)
        // Each its own request, the same numbers as a network compiled on its own.
        let alone = try Self.run(try Self.network(OpenVINOModelCache()), Self.small)
        #expect(a.map(\.values) == alone.map(\.values))
        #expect(b.map(\.values) == alone.map(\.values))
    }

    @Test func differentShapesSettingsOrFilesCompileApart() throws {
        let cache = OpenVINOModelCache()
        let base = try Self.network(cache)
        try base.prepare(Self.small)
        let otherShape = try Self.network(cache)
        try otherShape.prepare(Self.large)
        let otherThreads = try Self.network(cache, CompileSettings(threads: 2))
        try otherThreads.prepare(Self.small)
        let otherPrecision = try Self.network(cache, CompileSettings(threads: 1, precision: .bf16))
        try otherPrecision.prepare(Self.small)
        let otherModel = try Self.network(cache, files: ["ssdlite-person-raw.xml", "ssdlite-person-raw.bin"])
        try otherModel.prepare(InputTensorSpec(shape: [1, 300, 300, 3], element: .uint8))
        #expect(cache.compilations == 5)
        let identities = [base, otherShape, otherThreads, otherPrecision, otherModel].flatMap(\.compiledModelIdentities)
        #expect(Set(identities).count == 5)
    }

    /// One network at two shapes shares each with the network at that shape.
    @Test func eachShapeIsSharedOnItsOwn() throws {
        let cache = OpenVINOModelCache()
        let both = try Self.network(cache), small = try Self.network(cache), large = try Self.network(cache)
        try both.prepare(Self.small)
        try both.prepare(Self.large)
        try small.prepare(Self.small)
        try large.prepare(Self.large)
        #expect(cache.compilations == 2)
        #expect(Set(both.compiledModelIdentities) == Set(small.compiledModelIdentities + large.compiledModelIdentities))
    }

    /// Held weakly: when the last network goes, so does the compiled model.
    @Test func aModelIsFreedWithItsLastNetwork() throws {
        let cache = OpenVINOModelCache()
        do {
            let network = try Self.network(cache)
            try network.prepare(Self.small)
        }
        try Self.network(cache).prepare(Self.small)
        #expect(cache.compilations == 2)
    }
}
