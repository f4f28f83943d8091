/// A failure in detection, redaction or model loading.
///
/// Compare `code` to tell failures apart; `description` says what failed, on which file or
/// model, and what to do about it. New codes may be added without breaking callers.
public struct VisionError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case modelsDirectoryNotFound, manifestInvalid, modelNotInManifest
            case modelFileMissing, modelFileUnreadable, modelHashMismatch, modelInvalid
            case detectionFailed, redactionFailed, invalidArgument, internalError, runtimeUnavailable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// No `models/` directory with a `manifest.json` was found.
        public static let modelsDirectoryNotFound = Code(.modelsDirectoryNotFound)
        /// `manifest.json` cannot be read or parsed, or an entry is inconsistent.
        public static let manifestInvalid = Code(.manifestInvalid)
        /// The manifest has no entry for the requested model.
        public static let modelNotInManifest = Code(.modelNotInManifest)
        /// A model file listed in the manifest does not exist.
        public static let modelFileMissing = Code(.modelFileMissing)
        /// A model file exists but cannot be read.
        public static let modelFileUnreadable = Code(.modelFileUnreadable)
        /// A model file's SHA-256 differs from the manifest's.
        public static let modelHashMismatch = Code(.modelHashMismatch)
        /// The inference runtime rejected the verified model bytes.
        public static let modelInvalid = Code(.modelInvalid)
        /// The inference runtime asked for (OpenVINO) is missing or does not load.
        public static let runtimeUnavailable = Code(.runtimeUnavailable)
        /// Running a detector on a frame failed.
        public static let detectionFailed = Code(.detectionFailed)
        /// Redacting a frame failed.
        public static let redactionFailed = Code(.redactionFailed)
        /// An option or argument is out of range.
        public static let invalidArgument = Code(.invalidArgument)
        /// An unexpected failure inside the vision shim (out of memory, unknown exception).
        public static let internalError = Code(.internalError)

        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What was being done, e.g. "loading model yunet-2023mar".
    public let operation: String
    /// The file involved, if any.
    public let file: String?
    /// The detail from OpenCV, OpenVINO, the shim or the decoder.
    public let detail: String
    /// What the operator should do next.
    public let remedy: String

    init(_ code: Code, operation: String, file: String? = nil, detail: String, remedy: String) {
        self.code = code
        self.operation = operation
        self.file = file
        self.detail = detail
        self.remedy = remedy
    }

    public var description: String {
        var text = "\(operation) failed"
        if let file { text += " (\(file))" }
        text += ": \(detail)"
        if !remedy.isEmpty { text += ". \(remedy)" }
        return text
    }
}

extension VisionError {
    /// scripts/setup.sh installs packages only; the models live in git.
    static let restoreModels = "Restore the models directory from git (`git checkout -- models/` in the repository)"
}
