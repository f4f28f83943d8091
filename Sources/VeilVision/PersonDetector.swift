public import VeilCore
package import VeilInference

/// Finds people (whole bodies) on a downscaled copy of the frame.
///
/// Owns a network on the inference backend chosen at init (OpenVINO or OpenCV DNN), loaded
/// from `models/` after the SHA-256 of every file was checked against the manifest; the
/// network is freed when the detector is deinitialised. On OpenVINO only its infer requests are
/// its own: the compiled models are shared with every detector of the process with the same
/// model, input shape and settings (`OpenVINOModelCache`), and freed with the last of them.
/// Not thread-safe internally: concurrent `detect` calls on one instance are serialized by a
/// lock (so handing it to another thread is fine), and parallel detection needs one
/// instance per thread.
public final class PersonDetector: ObjectDetector, Sendable {
    /// Which network finds the people.
    public enum Model: String, Sendable, Hashable, CaseIterable, Codable {
        /// YOLOv3-tiny (COCO, class person): best recall on surveillance footage.
        case yoloV3Tiny
        /// YOLOv3-tiny quantised to int8, on OpenVINO (on OpenCV DNN: the float network): about
        /// 1.8× less CPU per run, found 2 fewer of the evaluation set's 174 people (far ones).
        /// For machines that cannot afford the float network on every camera.
        case yoloV3TinyInt8
        /// SSDLite MobileNetV2 (person only): faster, fixed 300×300 input, misses more small people.
        case ssdLite
    }

    /// Detector settings. Defaults match `models/manifest.json`.
    public struct Options: Sendable, Hashable {
        /// The network (default `.yoloV3Tiny`).
        public var model: Model
        /// Network input width in pixels, a multiple of 32 (default 704). Ignored by SSDLite (300).
        ///
        /// Chosen by recall on Benchmarks/eval (`veil bench detectors`, Benchmarks/eval/RESULTS.md):
        /// with the close-range pass, 704 wide (704×384 for 16:9) found 97.7 % of the people,
        /// 640 95.4 %, 608 93.1 %; far and top-down people are what the width buys.
        public var inputSize: Int
        /// Network input height, a multiple of 32; nil (default) follows the frame's aspect ratio.
        public var inputHeight: Int?
        /// Minimum person score, 0...1 (default 0.05: at 0.3 YOLOv3-tiny missed a quarter of the
        /// evaluation set's people, and frames without people stayed 97 % clear at 0.05). On the
        /// OpenCV backend values below 0.2 act as 0.2: its Darknet region layer zeroes class
        /// scores under that.
        public var scoreThreshold: Float
        /// Boxes overlapping a better one by more than this IoU are dropped (default 0.6: people in
        /// groups overlap).
        public var nmsThreshold: Float
        /// Score threshold of a second, close-range pass: SSDLite on the whole frame stretched to
        /// 300×300, whose people are merged with the main network's; nil turns it off. It finds
        /// the large, close, overlapping people YOLOv3-tiny at a small-person resolution misses.
        /// Default 0.15: at 0.3 it missed a man seated at a table close to the lens (the
        /// evaluation set's only seated miss); the price is more masking of people-free frames
        /// (3.4 % of their area against 2.4 %, models/README.md "Over-masking").
        public var closeRangeThreshold: Float?

        public init(model: Model = .yoloV3Tiny, inputSize: Int = 704, inputHeight: Int? = nil,
                    scoreThreshold: Float = 0.05, nmsThreshold: Float = 0.6, closeRangeThreshold: Float? = 0.15) {
            self.model = model
            self.inputSize = inputSize
            self.inputHeight = inputHeight
            self.scoreThreshold = scoreThreshold
            self.nmsThreshold = nmsThreshold
            self.closeRangeThreshold = closeRangeThreshold
        }
    }

    public let kind = DetectionKind.person
    public let options: Options
    private let network: DetectionNetwork
    private let closeRange: DetectionNetwork?

    /// The backend that runs the network, e.g. "OpenVINO 2026.4.1 (f32)".
    public var runtimeDescription: String { network.runtimeDescription }

    /// Loads and verifies the chosen network from `manifest` onto the backend `inference`
    /// resolves to. Throws `VisionError` if a file is missing, a hash differs from the manifest,
    /// or the runtime cannot load it.
    public convenience init(manifest: ModelManifest, options: Options = Options(),
                            inference: InferenceOptions = InferenceOptions()) throws {
        try self.init(manifest: manifest, options: options, inference: inference, modelCache: .shared)
    }

    /// As the public init, sharing compiled OpenVINO models only through `modelCache`.
    package init(manifest: ModelManifest, options: Options, inference: InferenceOptions,
                 modelCache: OpenVINOModelCache) throws {
        try validate(threshold: options.scoreThreshold, nms: options.nmsThreshold, input: options.inputSize,
                     detector: "PersonDetector")
        guard options.inputSize % 32 == 0, (options.inputHeight ?? 32) % 32 == 0, (options.inputHeight ?? 32) >= 32 else {
            throw VisionError(.invalidArgument, operation: "configuring PersonDetector",
                              detail: "input \(options.inputSize)×\(options.inputHeight.map(String.init) ?? "aspect") is not a multiple of 32",
                              remedy: "Use widths such as 416, 512 or 608, and a height that is a multiple of 32 or none")
        }
        self.options = options
        if let threshold = options.closeRangeThreshold {
            try validate(threshold: threshold, nms: options.nmsThreshold, input: 300, detector: "PersonDetector's close-range pass")
        }
        network = try DetectionNetwork(recipe: .person(options.model), manifest: manifest, inference: inference,
                                       nominalInput: Self.inputSize(options, frameWidth: 16, frameHeight: 9),
                                       modelCache: modelCache)
        closeRange = try options.closeRangeThreshold.map { _ in
            try DetectionNetwork(recipe: .ssdLite, manifest: manifest, inference: inference, nominalInput: (300, 300),
                                 modelCache: modelCache)
        }
    }

    /// The compiled models this detector runs (main network, then close-range pass): detectors
    /// that share them report the same.
    package var compiledModelIdentities: [ObjectIdentifier] {
        network.compiledModelIdentities + (closeRange?.compiledModelIdentities ?? [])
    }

    public func detect(in image: YUV420Image) throws -> [Detection] {
        let input = Self.inputSize(options, frameWidth: image.width, frameHeight: image.height)
        let outputs = try network.run(image, width: input.width, height: input.height)
        let threshold = options.scoreThreshold
        let candidates = try decoding {
            switch (options.model, network.backend) {
            case (.ssdLite, _):
                try SSDDecoder.decode(outputs, inputWidth: input.width, inputHeight: input.height, threshold: threshold)
            case (.yoloV3Tiny, .opencv), (.yoloV3TinyInt8, .opencv):
                try YOLODecoder.decodeRegion(outputs, inputWidth: input.width, inputHeight: input.height,
                                             threshold: threshold)
            case (.yoloV3Tiny, _), (.yoloV3TinyInt8, _):
                try YOLODecoder.decodeRaw(outputs, inputWidth: input.width, inputHeight: input.height,
                                          threshold: threshold)
            }
        }
        var people = scaled(candidates, from: input, to: image)
        if let closeRange, let closeThreshold = options.closeRangeThreshold {
            let outputs = try closeRange.run(image, width: 300, height: 300)
            let close = try decoding {
                try SSDDecoder.decode(outputs, inputWidth: 300, inputHeight: 300, threshold: closeThreshold)
            }
            people += scaled(close, from: (300, 300), to: image)
        }
        // Each pass was filtered at its own threshold: NMS only merges the duplicates.
        return try NonMaximumSuppression.apply(to: people, scoreThreshold: 0, iouThreshold: options.nmsThreshold)
    }

    /// The network input for a frame: SSDLite's fixed 300×300, else the configured width and
    /// height (the height following the frame's aspect ratio when none is set).
    static func inputSize(_ options: Options, frameWidth: Int, frameHeight: Int) -> (width: Int, height: Int) {
        if options.model == .ssdLite { return (300, 300) }
        let height = options.inputHeight
            ?? roundedTo32(Double(options.inputSize) * Double(frameHeight) / Double(frameWidth))
        return (options.inputSize, height)
    }
}
