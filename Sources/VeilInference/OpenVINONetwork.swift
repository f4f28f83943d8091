import Foundation

/// A model ready to run on OpenVINO's CPU plugin: read once from verified bytes, compiled for
/// each input shape it is asked to run at (a camera's frames keep one shape), with one infer
/// request per shape. The read and compiled model are shared, through `OpenVINOModelCache`,
/// with every other network of the process built from the same bytes and settings; the infer
/// requests are this network's own. Runs are serialised by a lock, so sharing one network
/// between threads is safe but runs one inference at a time.
public final class OpenVINONetwork: @unchecked Sendable {
    /// The runtime the network runs on.
    public let runtime: OpenVINORuntime
    public let settings: CompileSettings

    private struct Compiled {
        let model: OpenVINOCompiledModel
        let request: OpenVINOInferRequest
    }

    private let shared: OpenVINOSharedModel
    private var compiled: [InputTensorSpec: Compiled] = [:]
    private let lock = NSLock()

    /// `files`: the model, then its weights for formats that have a separate file (IR).
    public convenience init(runtime: OpenVINORuntime, files: [ModelBytes], settings: CompileSettings = CompileSettings()) throws {
        try self.init(runtime: runtime, files: files, settings: settings, cache: .shared)
    }

    /// As the public init, sharing compiled models only with the networks of `cache`.
    package init(runtime: OpenVINORuntime, files: [ModelBytes], settings: CompileSettings,
                 cache: OpenVINOModelCache) throws {
        self.runtime = runtime
        self.settings = settings
        shared = try cache.model(runtime: runtime, files: files, settings: settings)
    }

    /// Compiles the network for `input` now (it is otherwise compiled at its first run), and
    /// returns its outputs' names and shapes in the model's order.
    @discardableResult
    public func prepare(_ input: InputTensorSpec) throws -> [(name: String, shape: [Int])] {
        lock.lock()
        defer { lock.unlock() }
        return try compiledLocked(for: input).model.outputs
    }

    /// The precision OpenVINO compiled the floating-point layers in for `input`, if compiled.
    public func compiledPrecision(for input: InputTensorSpec) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return compiled[input]?.model.property("INFERENCE_PRECISION_HINT")
    }

    /// Lets `fill` write the input tensor (`input.byteCount` bytes), runs the model and
    /// returns a copy of every output, in the model's order.
    public func run(_ input: InputTensorSpec, fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> [OutputTensor] {
        lock.lock()
        defer { lock.unlock() }
        let target = try compiledLocked(for: input)
        try target.request.withInput(fill)
        return try target.request.infer(outputs: target.model.outputs)
    }

    /// Which compiled models this network runs, one per input shape, in no particular order:
    /// networks that share one report the same identity.
    package var compiledModelIdentities: [ObjectIdentifier] {
        lock.lock()
        defer { lock.unlock() }
        return compiled.values.map { ObjectIdentifier($0.model) }
    }

    private func compiledLocked(for input: InputTensorSpec) throws -> Compiled {
        if let ready = compiled[input] { return ready }
        let model = try shared.compiled(for: input)
        let ready = Compiled(model: model, request: try OpenVINOInferRequest(compiled: model, input: input))
        compiled[input] = ready
        return ready
    }
}
