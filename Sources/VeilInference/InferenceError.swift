/// A failure of the OpenVINO runtime: its libraries, a model, or a run.
///
/// `description` names what was being done, the model file where one is involved, and
/// OpenVINO's own message. New codes may be added without breaking callers.
public struct InferenceError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case runtimeUnavailable, modelInvalid, shapeInvalid, compileFailed, inferenceFailed, invalidArgument
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// OpenVINO's libraries are missing, or do not load.
        public static let runtimeUnavailable = Code(.runtimeUnavailable)
        /// OpenVINO cannot read the model bytes.
        public static let modelInvalid = Code(.modelInvalid)
        /// The model does not take the input shape asked for.
        public static let shapeInvalid = Code(.shapeInvalid)
        /// OpenVINO cannot compile the model for the CPU with the settings given.
        public static let compileFailed = Code(.compileFailed)
        /// A run, or reading its outputs, failed.
        public static let inferenceFailed = Code(.inferenceFailed)
        /// A setting or argument is out of range.
        public static let invalidArgument = Code(.invalidArgument)

        public var description: String { value.rawValue }
    }

    public let code: Code
    /// What was being done, e.g. "compiling yunet-2023mar for the CPU".
    public let operation: String
    /// The model file involved, if any.
    public let file: String?
    /// OpenVINO's message, or the loader's.
    public let detail: String

    init(_ code: Code, operation: String, file: String? = nil, detail: String) {
        self.code = code
        self.operation = operation
        self.file = file
        self.detail = detail
    }

    public var description: String {
        var text = "\(operation) failed"
        if let file { text += " (\(file))" }
        return text + ": \(detail)"
    }
}
