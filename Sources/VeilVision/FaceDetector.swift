public import VeilCore
package import VeilInference

/// Finds faces with YuNet (2023mar) on a downscaled copy of the frame.
///
/// Owns a network on the inference backend chosen at init (OpenVINO or OpenCV DNN), loaded
/// from `models/` after its SHA-256 was checked against the manifest; the network is freed when
/// the detector is deinitialised. On OpenVINO only its infer requests are its own: the compiled
/// model is shared with every detector of the process with the same model, input shape and
/// settings (`OpenVINOModelCache`), and freed with the last of them. The decoding is the same
/// on both backends.
/// Not thread-safe internally: concurrent `detect` calls on one instance are serialized by a
/// lock (so handing it to another thread is fine), and parallel detection needs one
/// instance per thread.
public final class FaceDetector: ObjectDetector, Sendable {
    /// Detector settings. Defaults match `models/manifest.json`.
    public struct Options: Sendable, Hashable {
        /// Network input width in pixels, rounded to a multiple of 32 (default 640). The
        /// height follows the frame's aspect ratio, also rounded to a multiple of 32.
        public var inputWidth: Int
        /// Minimum face score, 0...1 (default 0.6).
        public var scoreThreshold: Float
        /// Boxes overlapping a better one by more than this IoU are dropped (default 0.3).
        public var nmsThreshold: Float

        public init(inputWidth: Int = 640, scoreThreshold: Float = 0.6, nmsThreshold: Float = 0.3) {
            self.inputWidth = inputWidth
            self.scoreThreshold = scoreThreshold
            self.nmsThreshold = nmsThreshold
        }

        /// The input width actually used: the nearest multiple of 32, at least 32.
        public var effectiveInputWidth: Int { Swift.max(32, ((inputWidth + 16) / 32) * 32) }
    }

    public let kind = DetectionKind.face
    public let options: Options
    private let network: DetectionNetwork

    /// The backend that runs the network, e.g. "OpenVINO 2026.4.1 (f32)".
    public var runtimeDescription: String { network.runtimeDescription }

    /// Loads and verifies YuNet from `manifest` onto the backend `inference` resolves to.
    /// Throws `VisionError` if a file is missing, its hash differs from the manifest, or the
    /// runtime cannot load it.
    public convenience init(manifest: ModelManifest, options: Options = Options(),
                            inference: InferenceOptions = InferenceOptions()) throws {
        try self.init(manifest: manifest, options: options, inference: inference, modelCache: .shared)
    }

    /// As the public init, sharing compiled OpenVINO models only through `modelCache`.
    package init(manifest: ModelManifest, options: Options, inference: InferenceOptions,
                 modelCache: OpenVINOModelCache) throws {
        try validate(threshold: options.scoreThreshold, nms: options.nmsThreshold, input: options.inputWidth,
                     detector: "FaceDetector")
        self.options = options
        let width = options.effectiveInputWidth
        network = try DetectionNetwork(recipe: .yuNet, manifest: manifest, inference: inference,
                                       nominalInput: (width, roundedTo32(Double(width) * 9 / 16)), modelCache: modelCache)
    }

    /// The compiled models this detector runs: detectors that share them report the same.
    package var compiledModelIdentities: [ObjectIdentifier] { network.compiledModelIdentities }

    public func detect(in image: YUV420Image) throws -> [Detection] {
        let width = options.effectiveInputWidth
        let height = roundedTo32(Double(width) * Double(image.height) / Double(image.width))
        let outputs = try network.run(image, width: width, height: height)
        let candidates = try decoding { try YuNetDecoder.decode(outputs, inputWidth: width, inputHeight: height,
                                                                threshold: options.scoreThreshold) }
        return try NonMaximumSuppression.apply(to: scaled(candidates, from: (width, height), to: image),
                                               scoreThreshold: options.scoreThreshold, iouThreshold: options.nmsThreshold)
    }
}

/// The nearest multiple of 32, at least 32.
func roundedTo32(_ value: Double) -> Int { Swift.max(32, Int((value / 32).rounded()) * 32) }

/// Runs a decoder, turning a layout mismatch into a `VisionError`.
func decoding(_ body: () throws -> [Detection]) throws -> [Detection] {
    do {
        return try body()
    } catch let failure as DecodingFailure {
        throw failure.visionError
    }
}

/// Candidates in network-input pixels scaled to the frame.
func scaled(_ candidates: [Detection], from input: (width: Int, height: Int), to image: YUV420Image) -> [Detection] {
    let sx = Double(image.width) / Double(input.width), sy = Double(image.height) / Double(input.height)
    return candidates.map {
        Detection(kind: $0.kind, box: Rect(x: $0.box.x * sx, y: $0.box.y * sy, width: $0.box.width * sx,
                                           height: $0.box.height * sy), score: $0.score)
    }
}

func validate(threshold: Float, nms: Float, input: Int, detector: String) throws {
    guard (0...1).contains(threshold), nms > 0, nms <= 1, input >= 32, input <= 4096 else {
        throw VisionError(.invalidArgument, operation: "configuring \(detector)",
                          detail: "score threshold \(threshold) and NMS threshold \(nms) must be in 0...1, "
                              + "input size \(input) in 32...4096",
                          remedy: "Fix the detector settings in the configuration")
    }
}
