internal import CVeilVision
import VeilCore
import VeilInference

/// A detector's network on the backend chosen for it: turns a frame into the network's raw
/// output tensors. Decoding them is the detector's business and the same on every backend.
final class DetectionNetwork: Sendable {
    private enum Runner: Sendable {
        case openCV(OpenCVNetwork)
        case openVINO(OpenVINONetwork)
    }

    let recipe: NetworkRecipe
    /// The backend that runs (never `.auto`).
    let backend: InferenceBackend
    /// E.g. "OpenVINO 2026.4.1 (f32)" or "OpenCV DNN".
    let runtimeDescription: String
    private let runner: Runner

    /// Loads the recipe's verified files into the backend `inference` resolves to, and compiles
    /// it for `nominalInput` (width, height) so a bad model or shape fails here, not on a frame.
    /// On OpenVINO the compiled model comes from `modelCache`: other cameras' detectors with the
    /// same model, shape and settings share it.
    init(recipe: NetworkRecipe, manifest: ModelManifest, inference: InferenceOptions,
         nominalInput: (width: Int, height: Int), modelCache: OpenVINOModelCache) throws {
        self.recipe = recipe
        let options = try inference.resolved().options
        if options.backend == .openvino, let files = recipe.openVINO {
            let runtime = try OpenVINORuntime.load()
            let network = try Self.wrapping(files: files) {
                try OpenVINONetwork(runtime: runtime, files: try manifest.verifiedFiles(of: files.manifestName,
                                                                                       roles: files.roles),
                                    settings: CompileSettings(threads: options.threads, precision: options.precision),
                                    cache: modelCache)
            }
            _ = try Self.wrapping(files: files) {
                try network.prepare(Self.openVINOInput(recipe, width: nominalInput.width, height: nominalInput.height))
            }
            backend = .openvino
            runner = .openVINO(network)
            runtimeDescription = "OpenVINO \(runtime.version) (\(options.precision.rawValue))"
        } else {
            let files = try manifest.verifiedFiles(of: recipe.openCV.manifestName, roles: recipe.openCV.roles)
            if options.threads > 0 { try VisionRuntime.setOpenCVThreadCount(options.threads) }
            backend = .opencv
            runner = .openCV(try OpenCVNetwork(format: recipe.openCVFormat, files: files,
                                               modelName: recipe.openCV.manifestName))
            runtimeDescription = "OpenCV DNN"
        }
    }

    /// The compiled models this network runs (none on OpenCV DNN): equal between networks that share them.
    var compiledModelIdentities: [ObjectIdentifier] {
        guard case .openVINO(let network) = runner else { return [] }
        return network.compiledModelIdentities
    }

    /// Runs the network on `image` resized to `width`×`height` (both even).
    func run(_ image: YUV420Image, width: Int, height: Int) throws -> [OutputTensor] {
        switch runner {
        case .openCV(let network):
            var input = [Float](repeating: 0, count: 3 * width * height)
            try input.withUnsafeMutableBytes { try prepare(image, width: width, height: height, bytes: false, into: $0) }
            return try network.run(input: input, shape: [1, 3, height, width], outputNames: recipe.openCVOutputs)
        case .openVINO(let network):
            let spec = Self.openVINOInput(recipe, width: width, height: height)
            do {
                return try network.run(spec) {
                    try prepare(image, width: width, height: height, bytes: recipe.openVINOTakesBytes, into: $0)
                }
            } catch let error as InferenceError {
                throw VisionError(.detectionFailed, operation: "\(recipe.openCV.manifestName) detection on a "
                                    + "\(image.width)x\(image.height) frame", file: error.file, detail: error.description,
                                  remedy: "Mask the frame in full; if this repeats, report the message")
            }
        }
    }

    private func prepare(_ image: YUV420Image, width: Int, height: Int, bytes: Bool,
                         into buffer: UnsafeMutableRawBufferPointer) throws {
        let spec = veilcv_input_spec(width: Int32(width), height: Int32(height), rgb: recipe.rgb ? 1 : 0,
                                     interleaved: bytes ? 1 : 0, bytes: bytes ? 1 : 0, scale: recipe.scale)
        try callShim({ message, capacity in
            veilcv_prepare_input(image.y.readOnly, image.u.readOnly, image.v.readOnly, spec, buffer.baseAddress,
                                 buffer.count, message, capacity)
        }, orThrow: { result in
            VisionError(visionCode(for: result.status, otherwise: .detectionFailed),
                        operation: "preparing a \(image.width)x\(image.height) frame for \(recipe.openCV.manifestName)",
                        detail: result.message, remedy: "Mask the frame in full; if this repeats, report the message")
        })
    }

    private static func openVINOInput(_ recipe: NetworkRecipe, width: Int, height: Int) -> InputTensorSpec {
        recipe.openVINOTakesBytes ? InputTensorSpec(shape: [1, height, width, 3], element: .uint8)
            : InputTensorSpec(shape: [1, 3, height, width], element: .float32)
    }

    /// Turns OpenVINO's errors while loading into the detector's `VisionError`, naming the model file.
    private static func wrapping<R>(files: NetworkRecipe.Files, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as InferenceError {
            // A model that reads but does not compile is the machine's or the sandbox's
            // problem (e.g. MemoryDenyWriteExecute: OpenVINO's CPU plugin generates code), not the file's.
            let code: VisionError.Code = error.code == .runtimeUnavailable || error.code == .compileFailed ? .runtimeUnavailable
                : error.code == .shapeInvalid ? .invalidArgument : .modelInvalid
            let remedy = error.code == .compileFailed
                ? "OpenVINO's CPU plugin needs memory it can write and then execute (no MemoryDenyWriteExecute); "
                    + "or run on OpenCV DNN with `inference: {backend: opencv}` / `--inference opencv`"
                : VisionError.restoreModels
            throw VisionError(code, operation: "loading model \(files.manifestName) into OpenVINO", file: error.file,
                              detail: error.description, remedy: remedy)
        }
    }
}
