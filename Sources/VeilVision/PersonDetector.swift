internal import CVeilVision
public import VeilCore

/// Finds people (whole bodies) on a downscaled copy of the frame.
///
/// Owns an OpenCV network, loaded from `models/` after the SHA-256 of every file was
/// checked against the manifest; the network is freed when the detector is deinitialised.
/// Not thread-safe internally: concurrent `detect` calls on one instance are serialized by a
/// lock (so handing it to another thread is fine), and parallel detection needs one
/// instance per thread.
public final class PersonDetector: ObjectDetector, Sendable {
    /// Which network finds the people.
    public enum Model: String, Sendable, Hashable, CaseIterable, Codable {
        /// YOLOv3-tiny (COCO, class person): best recall on surveillance footage.
        case yoloV3Tiny
        /// SSDLite MobileNetV2 (person only): faster, fixed 300×300 input, misses more small people.
        case ssdLite
    }

    /// Detector settings. Defaults match `models/manifest.json`.
    public struct Options: Sendable, Hashable {
        /// The network (default `.yoloV3Tiny`).
        public var model: Model
        /// Network input width in pixels, a multiple of 32 (default 608). Ignored by SSDLite (300).
        ///
        /// Measured on 15 frames of the bundled sample (people walking, seen from above):
        /// 416×416 found 75 people, 608×608 94, 608×352 (this default, keeping 16:9) 92 at
        /// 1.3× the cost of 416×416 and 0.65× that of 608×608. People YOLO misses at 416 stand in
        /// groups; a person never detected is never hidden, so recall decides.
        public var inputSize: Int
        /// Network input height, a multiple of 32; nil (default) follows the frame's aspect ratio.
        public var inputHeight: Int?
        /// Minimum person score, 0...1 (default 0.3). For YOLOv3-tiny, values below 0.2 act as
        /// 0.2: OpenCV's region layer already zeroes class scores under that.
        public var scoreThreshold: Float
        /// Boxes overlapping a better one by more than this IoU are dropped (default 0.4).
        public var nmsThreshold: Float

        public init(model: Model = .yoloV3Tiny, inputSize: Int = 608, inputHeight: Int? = nil,
                    scoreThreshold: Float = 0.3, nmsThreshold: Float = 0.4) {
            self.model = model
            self.inputSize = inputSize
            self.inputHeight = inputHeight
            self.scoreThreshold = scoreThreshold
            self.nmsThreshold = nmsThreshold
        }
    }

    public let kind = DetectionKind.person
    public let options: Options
    private let handle: DetectorHandle

    /// Loads and verifies the chosen network from `manifest`. Throws `VisionError` if a
    /// file is missing, a hash differs from the manifest, or OpenCV cannot load it.
    public init(manifest: ModelManifest, options: Options = Options()) throws {
        try validate(threshold: options.scoreThreshold, nms: options.nmsThreshold, input: options.inputSize,
                     detector: "PersonDetector")
        guard options.inputSize % 32 == 0, (options.inputHeight ?? 32) % 32 == 0, (options.inputHeight ?? 32) >= 32 else {
            throw VisionError(.invalidArgument, operation: "configuring PersonDetector",
                              detail: "input \(options.inputSize)×\(options.inputHeight.map(String.init) ?? "aspect") is not a multiple of 32",
                              remedy: "Use widths such as 416, 512 or 608, and a height that is a multiple of 32 or none")
        }
        let name: String, kind: veilcv_model_kind, roles: [String]
        switch options.model {
        case .yoloV3Tiny: (name, kind, roles) = (ModelManifest.yoloV3TinyName, VEILCV_MODEL_YOLO_DARKNET, ["config", "weights"])
        case .ssdLite: (name, kind, roles) = (ModelManifest.ssdLiteName, VEILCV_MODEL_SSD_TENSORFLOW, ["model", "config"])
        }
        let entry = try manifest.model(named: name)
        let files = try roles.map { role in
            let file = try manifest.path(of: role, in: entry, named: name)
            return DetectorHandle.ModelFile(path: file.path, sha256: file.sha256)
        }
        self.options = options
        self.handle = try DetectorHandle(model: kind, files: files, modelName: name, kind: .person)
    }

    public func detect(in image: YUV420Image) throws -> [Detection] {
        let aspectHeight = Double(options.inputSize) * Double(image.height) / Double(image.width)
        let height = options.inputHeight ?? max(32, Int((aspectHeight / 32).rounded()) * 32)
        return try handle.detect(in: image, inputWidth: options.inputSize, inputHeight: height,
                          scoreThreshold: options.scoreThreshold, nmsThreshold: options.nmsThreshold)
    }
}
