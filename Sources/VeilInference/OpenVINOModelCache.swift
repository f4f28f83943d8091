internal import Crypto
import Synchronization

/// The process's OpenVINO models, each read once and compiled once per input shape, shared by
/// every `OpenVINONetwork` built from the same bytes with the same settings.
///
/// A compiled model holds the network's repacked weights, its generated kernels and, per
/// stream, its intermediate buffers: hundreds of MB for a camera's detectors. Cameras with the
/// same models, frame size and settings need one copy, not one each. Each network keeps its
/// own infer request: OpenVINO's compiled models are thread-safe for creating and running
/// separate requests (the CPU plugin runs one request at a time on each stream's graph, so two
/// cameras sharing a one-stream model take turns, each run on every core it was given).
///
/// Entries are held weakly: a model is freed when the last network using it is.
package final class OpenVINOModelCache: Sendable {
    /// The cache `OpenVINONetwork` uses unless told otherwise.
    package static let shared = OpenVINOModelCache()

    /// Same files (paths and SHA-256 of the bytes), same runtime, same compile settings.
    private struct Key: Hashable {
        let runtime: ObjectIdentifier
        let files: [String]
        let digests: [[UInt8]]
        let settings: CompileSettings
    }

    private struct Entry {
        weak var model: OpenVINOSharedModel?
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let compiled = Atomic<Int>(0)

    /// A cache of its own: networks built through it share nothing with any other cache's.
    package init() {}

    /// How many times this cache has compiled a model (one per model, settings and input shape alive at once).
    package var compilations: Int { compiled.load(ordering: .relaxed) }

    /// The shared model for `files` and `settings`, read now if no live network uses it.
    func model(runtime: OpenVINORuntime, files: [ModelBytes], settings: CompileSettings) throws -> OpenVINOSharedModel {
        let key = Key(runtime: ObjectIdentifier(runtime), files: files.map(\.path),
                      digests: files.map { Array(SHA256.hash(data: $0.bytes)) }, settings: settings)
        if let live = entries.withLock({ $0[key]?.model }) { return live }
        // Read outside the lock (it takes a while); if another thread got there first, its model wins.
        let fresh = try OpenVINOSharedModel(runtime: runtime, files: files, settings: settings,
                                            onCompile: { [self] in compiled.add(1, ordering: .relaxed) })
        return entries.withLock { entries in
            if let raced = entries[key]?.model { return raced }
            entries = entries.filter { $0.value.model != nil }
            entries[key] = Entry(model: fresh)
            return fresh
        }
    }
}

/// One model read by OpenVINO and its compilations, one per input shape, made on first use.
/// Reshaping and compiling happen under `state`'s lock; the compiled models it hands out are
/// used without it.
final class OpenVINOSharedModel: Sendable {
    private struct State: ~Copyable {
        let core: OpenVINOCore
        let model: OpenVINOModel
        var compiled: [InputTensorSpec: OpenVINOCompiledModel] = [:]
    }

    let settings: CompileSettings
    private let state: Mutex<State>
    private let onCompile: @Sendable () -> Void

    init(runtime: OpenVINORuntime, files: [ModelBytes], settings: CompileSettings,
         onCompile: @escaping @Sendable () -> Void) throws {
        self.settings = settings
        self.onCompile = onCompile
        let core = try OpenVINOCore(runtime: runtime)
        state = Mutex(State(core: core, model: try OpenVINOModel(runtime: runtime, core: core, files: files)))
    }

    /// The model compiled for `input`, compiled now if it is the first request for that shape.
    func compiled(for input: InputTensorSpec) throws -> OpenVINOCompiledModel {
        try state.withLock { state in
            if let ready = state.compiled[input] { return ready }
            try state.model.reshape(to: input.shape)
            let model = try OpenVINOCompiledModel(model: state.model, core: state.core, settings: settings)
            state.compiled[input] = model
            onCompile()
            return model
        }
    }
}
