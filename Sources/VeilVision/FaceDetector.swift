internal import CVeilVision
public import VeilCore

/// Finds faces with YuNet (2023mar) on a downscaled copy of the frame.
///
/// Owns an OpenCV network, loaded from `models/` after its SHA-256 was checked against
/// the manifest; the network is freed when the detector is deinitialised.
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
    private let handle: DetectorHandle

    /// Loads and verifies YuNet from `manifest`. Throws `VisionError` if a file is missing,
    /// its hash differs from the manifest, or OpenCV cannot load it.
    public init(manifest: ModelManifest, options: Options = Options()) throws {
        try validate(threshold: options.scoreThreshold, nms: options.nmsThreshold, input: options.inputWidth,
                     detector: "FaceDetector")
        let name = ModelManifest.yuNetName
        let model = try manifest.model(named: name)
        let file = try manifest.path(of: "model", in: model, named: name)
        self.options = options
        self.handle = try DetectorHandle(model: VEILCV_MODEL_YUNET, files: [.init(path: file.path, sha256: file.sha256)],
                                         modelName: name, kind: .face)
    }

    public func detect(in image: YUV420Image) throws -> [Detection] {
        try handle.detect(in: image, inputWidth: options.effectiveInputWidth, inputHeight: 0,
                          scoreThreshold: options.scoreThreshold, nmsThreshold: options.nmsThreshold)
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
