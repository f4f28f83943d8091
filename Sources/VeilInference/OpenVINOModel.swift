internal import COpenVINO
import Glibc

/// A model read by OpenVINO (`ov_model_t`), freed in `deinit`. Reshaped once, then compiled.
final class OpenVINOModel {
    let pointer: OpaquePointer
    let runtime: OpenVINORuntime
    let path: String

    /// Reads the model from verified bytes. They are handed to OpenVINO through anonymous
    /// in-memory files (memfd): every reader (ONNX, TensorFlow, IR) takes a path, and the
    /// bytes whose SHA-256 was checked are the bytes read. Nothing touches the disk.
    /// `files` is the model, then its weights for formats that have them (IR's .bin).
    init(runtime: OpenVINORuntime, core: OpenVINOCore, files: [ModelBytes]) throws {
        precondition(!files.isEmpty && files.count <= 2, "a model is one file or a model plus its weights")
        self.runtime = runtime
        self.path = files[0].path
        let descriptors = try files.map { try Self.memoryFile(named: $0.path, holding: $0.bytes) }
        defer { descriptors.forEach { close($0) } }
        var model: OpaquePointer?
        let paths = descriptors.map { "/proc/self/fd/\($0)" }
        let status = paths[0].withCString { modelPath in
            if paths.count > 1 {
                return paths[1].withCString { runtime.api.pointee.ov_core_read_model(core.pointer, modelPath, $0, &model) }
            }
            return runtime.api.pointee.ov_core_read_model(core.pointer, modelPath, nil, &model)
        }
        try runtime.check(status, .modelInvalid, "OpenVINO reading the model", file: path)
        guard let model else {
            throw InferenceError(.modelInvalid, operation: "OpenVINO reading the model", file: path,
                                 detail: "no model was returned")
        }
        pointer = model
    }

    deinit {
        runtime.api.pointee.ov_model_free(pointer)
    }

    /// Fixes the model's single input to `shape`.
    func reshape(to shape: [Int]) throws {
        var inputs = 0
        try runtime.check(runtime.api.pointee.ov_model_inputs_size(pointer, &inputs), .shapeInvalid,
                          "counting the model's inputs", file: path)
        guard inputs == 1 else {
            throw InferenceError(.shapeInvalid, operation: "reshaping the model", file: path,
                                 detail: "it has \(inputs) inputs; Veil's detectors take one image")
        }
        var dims = shape.map(Int64.init)
        var partial = ov_partial_shape_t()
        try runtime.check(runtime.api.pointee.ov_partial_shape_create_static(Int64(dims.count), &dims, &partial),
                          .shapeInvalid, "describing input shape \(shape)", file: path)
        defer { runtime.api.pointee.ov_partial_shape_free(&partial) }
        try runtime.check(runtime.api.pointee.ov_model_reshape_single_input(pointer, partial), .shapeInvalid,
                          "reshaping the model's input to \(shape)", file: path)
    }

    private static func memoryFile(named name: String, holding bytes: [UInt8]) throws -> Int32 {
        let descriptor = veilov_memory_file("veil-model")
        guard descriptor >= 0 else {
            throw InferenceError(.modelInvalid, operation: "handing \(name) to OpenVINO",
                                 detail: "memfd_create: \(String(cString: strerror(errno)))")
        }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            guard result > 0 else {
                close(descriptor)
                throw InferenceError(.modelInvalid, operation: "handing \(name) to OpenVINO",
                                     detail: "writing the in-memory copy: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        return descriptor
    }
}

/// OpenVINO's entry object (`ov_core_t`), freed in `deinit`.
final class OpenVINOCore {
    let pointer: OpaquePointer
    let runtime: OpenVINORuntime

    init(runtime: OpenVINORuntime) throws {
        self.runtime = runtime
        var core: OpaquePointer?
        try runtime.check(runtime.api.pointee.ov_core_create(&core), .runtimeUnavailable, "creating an OpenVINO core")
        guard let core else {
            throw InferenceError(.runtimeUnavailable, operation: "creating an OpenVINO core", detail: "none returned")
        }
        pointer = core
    }

    deinit {
        runtime.api.pointee.ov_core_free(pointer)
    }
}
