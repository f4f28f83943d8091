internal import COpenVINO
import Glibc

/// A model compiled for the CPU (`ov_compiled_model_t`), freed in `deinit`.
///
/// Sendable because OpenVINO's compiled models are thread-safe: any thread may create infer
/// requests from it and read its properties, and every stored property here is immutable.
/// It is shared by the networks of `OpenVINOModelCache`; each of them frees its own requests.
final class OpenVINOCompiledModel: @unchecked Sendable {
    let pointer: OpaquePointer
    let runtime: OpenVINORuntime
    let path: String
    /// Output names and shapes, in the model's order.
    let outputs: [(name: String, shape: [Int])]

    init(model: OpenVINOModel, core: OpenVINOCore, settings: CompileSettings) throws {
        runtime = model.runtime
        path = model.path
        guard settings.threads >= 0 else {
            throw InferenceError(.invalidArgument, operation: "compiling the model", file: path,
                                 detail: "thread count \(settings.threads) is negative")
        }
        // One stream, latency first: a camera's detector runs one frame at a time.
        var pairs = [("PERFORMANCE_HINT", "LATENCY"), ("NUM_STREAMS", "1"),
                     ("INFERENCE_PRECISION_HINT", settings.precision.rawValue)]
        if settings.threads > 0 { pairs.append(("INFERENCE_NUM_THREADS", String(settings.threads))) }
        let strings = pairs.flatMap { [strdup($0.0)!, strdup($0.1)!] }
        defer { strings.forEach { free($0) } }
        let properties = stride(from: 0, to: strings.count, by: 2).map {
            ov_property_t(key: UnsafePointer(strings[$0]), value: UnsafePointer(strings[$0 + 1]))
        }
        var compiled: OpaquePointer?
        try runtime.check(runtime.api.pointee.ov_core_compile_model_props(core.pointer, model.pointer, "CPU",
                                                                          properties.count, properties, &compiled),
                          .compileFailed, "OpenVINO compiling the model for the CPU", file: path)
        guard let compiled else {
            throw InferenceError(.compileFailed, operation: "OpenVINO compiling the model", file: path,
                                 detail: "no compiled model was returned")
        }
        pointer = compiled
        do {
            outputs = try Self.describeOutputs(of: compiled, runtime: runtime, path: path)
        } catch {
            runtime.api.pointee.ov_compiled_model_free(compiled)
            throw error
        }
    }

    deinit {
        runtime.api.pointee.ov_compiled_model_free(pointer)
    }

    /// The value of a compiled-model property, e.g. "INFERENCE_PRECISION_HINT".
    func property(_ key: String) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard runtime.api.pointee.ov_compiled_model_get_property(pointer, key, &value) == OK, let value else {
            return nil
        }
        defer { runtime.api.pointee.ov_free(value) }
        return String(cString: value)
    }

    private static func describeOutputs(of compiled: OpaquePointer, runtime: OpenVINORuntime,
                                        path: String) throws -> [(name: String, shape: [Int])] {
        let api = runtime.api.pointee
        var count = 0
        try runtime.check(api.ov_compiled_model_outputs_size(compiled, &count), .compileFailed,
                          "counting the model's outputs", file: path)
        return try (0..<count).map { index in
            var port: OpaquePointer?
            try runtime.check(api.ov_compiled_model_output_by_index(compiled, index, &port), .compileFailed,
                              "reading output \(index)", file: path)
            defer { api.ov_output_const_port_free(port) }
            var name: UnsafeMutablePointer<CChar>?
            let named = api.ov_port_get_any_name(port, &name) == OK
            defer { if let name { api.ov_free(name) } }
            var shape = ov_shape_t()
            try runtime.check(api.ov_const_port_get_shape(port, &shape), .compileFailed,
                              "reading the shape of output \(index)", file: path)
            defer { _ = api.ov_shape_free(&shape) }
            let dims = (0..<Int(shape.rank)).map { Int(shape.dims[$0]) }
            return (named && name != nil ? String(cString: name!) : "output\(index)", dims)
        }
    }
}

/// One infer request (`ov_infer_request_t`) with its input tensor, both freed in `deinit`.
final class OpenVINOInferRequest {
    let pointer: OpaquePointer
    let input: OpaquePointer
    let runtime: OpenVINORuntime
    let path: String
    let inputSpec: InputTensorSpec

    init(compiled: OpenVINOCompiledModel, input spec: InputTensorSpec) throws {
        runtime = compiled.runtime
        path = compiled.path
        inputSpec = spec
        let api = runtime.api.pointee
        var request: OpaquePointer?
        try runtime.check(api.ov_compiled_model_create_infer_request(compiled.pointer, &request), .compileFailed,
                          "creating an infer request", file: path)
        guard let request else {
            throw InferenceError(.compileFailed, operation: "creating an infer request", file: path, detail: "none returned")
        }
        var dims = spec.shape.map(Int64.init)
        var shape = ov_shape_t()
        var tensor: OpaquePointer?
        let created = api.ov_shape_create(Int64(dims.count), &dims, &shape) == OK
            && api.ov_tensor_create(spec.element == .float32 ? F32 : U8, shape, &tensor) == OK
        if created { _ = api.ov_shape_free(&shape) }
        guard created, let tensor else {
            let detail = runtime.lastError(GENERAL_ERROR)
            api.ov_infer_request_free(request)
            throw InferenceError(.shapeInvalid, operation: "allocating the input tensor \(spec.shape)", file: path,
                                 detail: detail)
        }
        let attached = api.ov_infer_request_set_input_tensor(request, tensor)
        guard attached == OK else {
            let detail = runtime.lastError(attached)
            api.ov_tensor_free(tensor)
            api.ov_infer_request_free(request)
            throw InferenceError(.shapeInvalid, operation: "setting the input tensor \(spec.shape)", file: path,
                                 detail: detail)
        }
        pointer = request
        input = tensor
    }

    deinit {
        runtime.api.pointee.ov_infer_request_free(pointer)
        runtime.api.pointee.ov_tensor_free(input)
    }

    /// Lends the input tensor's memory (`inputSpec.byteCount` bytes) to `fill`.
    func withInput<R>(_ fill: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        var data: UnsafeMutableRawPointer?
        try runtime.check(runtime.api.pointee.ov_tensor_data(input, &data), .inferenceFailed,
                          "reaching the input tensor", file: path)
        guard let data else {
            throw InferenceError(.inferenceFailed, operation: "reaching the input tensor", file: path, detail: "no data")
        }
        return try fill(UnsafeMutableRawBufferPointer(start: data, count: inputSpec.byteCount))
    }

    /// Runs the model on the current input and copies every output.
    func infer(outputs: [(name: String, shape: [Int])]) throws -> [OutputTensor] {
        let api = runtime.api.pointee
        try runtime.check(api.ov_infer_request_infer(pointer), .inferenceFailed, "OpenVINO inference", file: path)
        return try outputs.indices.map { index in
            var tensor: OpaquePointer?
            try runtime.check(api.ov_infer_request_get_output_tensor_by_index(pointer, index, &tensor),
                              .inferenceFailed, "reading output \(index)", file: path)
            defer { api.ov_tensor_free(tensor) }
            var type = DYNAMIC
            var data: UnsafeMutableRawPointer?
            var shape = ov_shape_t()
            try runtime.check(api.ov_tensor_get_element_type(tensor, &type), .inferenceFailed,
                              "reading output \(index)'s type", file: path)
            try runtime.check(api.ov_tensor_get_shape(tensor, &shape), .inferenceFailed,
                              "reading output \(index)'s shape", file: path)
            defer { _ = api.ov_shape_free(&shape) }
            try runtime.check(api.ov_tensor_data(tensor, &data), .inferenceFailed, "reading output \(index)", file: path)
            let dims = (0..<Int(shape.rank)).map { Int(shape.dims[$0]) }
            let count = dims.reduce(1, *)
            guard type == F32, let data else {
                throw InferenceError(.inferenceFailed, operation: "reading output \(outputs[index].name)", file: path,
                                     detail: "element type \(type.rawValue) is not f32")
            }
            let values = Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Float.self), count: count))
            return OutputTensor(name: outputs[index].name, shape: dims, values: values)
        }
    }
}
