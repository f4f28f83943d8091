internal import CVeilVision
import Foundation
import VeilCore

/// Owns one `veilcv_detector` (an OpenCV net plus scratch images). Created by
/// `veilcv_detector_create` in `init`, freed by `veilcv_detector_destroy` in `deinit`.
/// OpenCV nets keep per-call state, so calls are serialized by `lock`: sharing one handle
/// between threads is safe but runs one detection at a time.
final class DetectorHandle: @unchecked Sendable {
    private let pointer: OpaquePointer
    private let lock = NSLock()
    let modelName: String
    let kind: DetectionKind

    struct ModelFile {
        let path: String
        let sha256: String
    }

    init(model: veilcv_model_kind, files: [ModelFile], modelName: String, kind: DetectionKind) throws {
        let paths = files.map { strdup($0.path) }
        let hashes = files.map { strdup($0.sha256) }
        defer { (paths + hashes).forEach { free($0) } }
        let cFiles = zip(paths, hashes).map { veilcv_model_file(path: $0, sha256_hex: $1) }
        var created: OpaquePointer?
        try callShim({ message, capacity in
            veilcv_detector_create(model, cFiles, Int32(cFiles.count), &created, message, capacity)
        }, orThrow: { result in
            let file = files.first { result.message.contains($0.path) }?.path
            return VisionError(visionCode(for: result.status, otherwise: .modelInvalid),
                               operation: "loading model \(modelName)", file: file, detail: result.message,
                               remedy: VisionError.restoreModels)
        })
        guard let created else {
            throw VisionError(.internalError, operation: "loading model \(modelName)",
                              detail: "the shim reported success without a detector", remedy: "")
        }
        self.pointer = created
        self.modelName = modelName
        self.kind = kind
    }

    deinit {
        veilcv_detector_destroy(pointer)
    }

    /// Runs the net on `image` and returns detections in full-resolution pixels, best first.
    func detect(in image: YUV420Image, inputWidth: Int, inputHeight: Int,
                scoreThreshold: Float, nmsThreshold: Float) throws -> [Detection] {
        let params = veilcv_detect_params(input_width: Int32(inputWidth), input_height: Int32(inputHeight),
                                          score_threshold: scoreThreshold, nms_threshold: nmsThreshold)
        lock.lock()
        defer { lock.unlock() }
        var capacity = 256
        while true {
            var boxes = [veilcv_box](repeating: veilcv_box(), count: capacity)
            var count: Int32 = 0
            let result = callShim { message, messageCapacity in
                boxes.withUnsafeMutableBufferPointer { buffer in
                    veilcv_detect(pointer, image.y.readOnly, image.u.readOnly, image.v.readOnly, params,
                                  buffer.baseAddress, Int32(capacity), &count, message, messageCapacity)
                }
            }
            if result.status == VEILCV_CAPACITY_EXCEEDED, Int(count) > capacity {
                capacity = Int(count)
                continue
            }
            guard result.succeeded else {
                throw VisionError(visionCode(for: result.status, otherwise: .detectionFailed),
                                  operation: "\(modelName) detection on a \(image.width)x\(image.height) frame",
                                  detail: result.message,
                                  remedy: "Mask the frame in full; if this repeats, report the message")
            }
            return boxes.prefix(Int(count)).map {
                Detection(kind: kind, box: Rect(x: Double($0.x), y: Double($0.y),
                                                width: Double($0.width), height: Double($0.height)),
                          score: $0.score)
            }
        }
    }
}

extension PlaneView {
    var readOnly: veilcv_plane {
        veilcv_plane(data: UnsafePointer(base), stride: Int32(stride), width: Int32(width), height: Int32(height))
    }

    var writable: veilcv_mutable_plane {
        veilcv_mutable_plane(data: base, stride: Int32(stride), width: Int32(width), height: Int32(height))
    }
}
