/// The arithmetic OpenVINO computes in. Models quantised to int8 run their int8 layers as
/// int8 whatever this says; it governs the layers left in floating point.
public enum InferencePrecision: String, Sendable, Hashable, CaseIterable, Codable {
    /// 32-bit float: the same results as OpenCV DNN to ~1e-5.
    case f32
    /// bfloat16 on CPUs with AVX-512 BF16 or AMX (OpenVINO's own default there): about 1.5×
    /// faster, scores move by up to ~0.015.
    case bf16
}

/// How OpenVINO compiles a model for the CPU.
public struct CompileSettings: Sendable, Hashable {
    /// Worker threads for one run; 0 lets OpenVINO choose (every core).
    public var threads: Int
    public var precision: InferencePrecision

    public init(threads: Int = 0, precision: InferencePrecision = .f32) {
        self.threads = threads
        self.precision = precision
    }
}

/// The layout and element type of a model's single image input.
public struct InputTensorSpec: Sendable, Hashable {
    public enum Element: Sendable, Hashable { case float32, uint8 }
    /// The shape to reshape the model's input to, e.g. [1, 3, 384, 640] (NCHW) or [1, 300, 300, 3] (NHWC).
    public var shape: [Int]
    public var element: Element

    public init(shape: [Int], element: Element) {
        self.shape = shape
        self.element = element
    }

    public var byteCount: Int { shape.reduce(1, *) * (element == .float32 ? 4 : 1) }
}

/// One output of a run, copied out of the runtime.
public struct OutputTensor: Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// A model file's verified bytes, with the path they were read from (for messages).
public struct ModelBytes: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
