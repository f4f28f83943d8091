internal import CVeilVision
import Foundation
import VeilCore
import VeilInference

/// Owns one `veilcv_net` (an OpenCV DNN network and its last outputs): created by
/// `veilcv_net_create` in `init`, freed by `veilcv_net_destroy` in `deinit`. Runs are serialised
/// by `lock`, so sharing one network between threads is safe but runs one inference at a time.
final class OpenCVNetwork: @unchecked Sendable {
    enum Format {
        case onnx, darknet, tensorflow

        var shim: veilcv_net_format {
            switch self {
            case .onnx: VEILCV_NET_ONNX
            case .darknet: VEILCV_NET_DARKNET
            case .tensorflow: VEILCV_NET_TENSORFLOW
            }
        }
    }

    private let pointer: OpaquePointer
    private let lock = NSLock()
    private let path: String

    init(format: Format, files: [ModelBytes], modelName: String) throws {
        path = files[0].path
        var created: OpaquePointer?
        let result = withBytes(of: files) { buffers in
            callShim { message, capacity in
                veilcv_net_create(format.shim, buffers, Int32(buffers.count), &created, message, capacity)
            }
        }
        guard result.succeeded, let created else {
            throw VisionError(visionCode(for: result.status, otherwise: .modelInvalid),
                              operation: "loading model \(modelName) into OpenCV DNN", file: path,
                              detail: result.message, remedy: VisionError.restoreModels)
        }
        pointer = created
    }

    deinit {
        veilcv_net_destroy(pointer)
    }

    /// Runs the network on a float32 NCHW input of `shape` (1, C, H, W) and copies the outputs
    /// named `outputNames` (every unconnected output when empty), in that order.
    func run(input: [Float], shape: [Int], outputNames: [String]) throws -> [OutputTensor] {
        precondition(shape.count == 4 && shape[0] == 1 && input.count == shape.reduce(1, *), "NCHW input")
        lock.lock()
        defer { lock.unlock() }
        let names = outputNames.map { strdup($0) }
        defer { names.forEach { free($0) } }
        let forward = callShim { message, capacity in
            names.map { UnsafePointer($0) }.withUnsafeBufferPointer { cNames in
                veilcv_net_forward(pointer, input, Int32(shape[1]), Int32(shape[2]), Int32(shape[3]),
                                   cNames.baseAddress, Int32(cNames.count), message, capacity)
            }
        }
        guard forward.succeeded else { throw failure(forward, "OpenCV DNN inference") }
        return try (0..<Int(veilcv_net_output_count(pointer))).map { index in
            var dims = [Int32](repeating: 0, count: 8), rank: Int32 = 0, count = 0
            var values = [Float](repeating: 0, count: 0)
            var result = callShim { veilcv_net_output(pointer, Int32(index), nil, 0, &count, &dims, &rank, $0, $1) }
            if result.status == VEILCV_CAPACITY_EXCEEDED {
                values = [Float](repeating: 0, count: count)
                result = callShim { message, capacity in
                    values.withUnsafeMutableBufferPointer {
                        veilcv_net_output(pointer, Int32(index), $0.baseAddress, count, &count, &dims, &rank,
                                          message, capacity)
                    }
                }
            }
            guard result.succeeded else { throw failure(result, "reading OpenCV DNN output \(index)") }
            let name = index < outputNames.count ? outputNames[index] : "output\(index)"
            return OutputTensor(name: name, shape: dims.prefix(Int(rank)).map(Int.init), values: values)
        }
    }

    private func failure(_ result: ShimResult, _ operation: String) -> VisionError {
        VisionError(visionCode(for: result.status, otherwise: .detectionFailed), operation: operation, file: path,
                    detail: result.message, remedy: "Mask the frame in full; if this repeats, report the message")
    }
}

/// Lends every file's bytes to OpenCV as `veilcv_bytes` for the duration of `body`.
private func withBytes<R>(of files: [ModelBytes], _ body: ([veilcv_bytes]) -> R) -> R {
    func lend(_ index: Int, _ lent: [veilcv_bytes]) -> R {
        guard index < files.count else { return body(lent) }
        return files[index].bytes.withUnsafeBytes {
            lend(index + 1, lent + [veilcv_bytes(data: $0.baseAddress, size: $0.count)])
        }
    }
    return lend(0, [])
}

extension PlaneView {
    var readOnly: veilcv_plane {
        veilcv_plane(data: UnsafePointer(base), stride: Int32(stride), width: Int32(width), height: Int32(height))
    }

    var writable: veilcv_mutable_plane {
        veilcv_mutable_plane(data: base, stride: Int32(stride), width: Int32(width), height: Int32(height))
    }
}
