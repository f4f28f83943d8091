public import Foundation
public import VeilCore

/// The detector models shipped in `models/`, as described by `models/manifest.json`:
/// each model's files with their SHA-256 and size, input size, thresholds and licence.
public struct ModelManifest: Sendable {
    /// One file of a model.
    public struct File: Codable, Sendable, Hashable {
        /// What the file is to the loader: `model`, `config` or `weights`.
        public var role: String
        /// Path relative to the models directory.
        public var path: String
        /// Lowercase hex SHA-256 the file must have.
        public var sha256: String
        /// Size in bytes.
        public var bytes: Int
    }

    /// The network input the model was made for.
    public struct Input: Codable, Sendable, Hashable {
        public var width: Int
        /// 0 when the height follows the frame's aspect ratio.
        public var height: Int
        public var multipleOf: Int
        public var pixels: String
    }

    /// One model entry.
    public struct Model: Codable, Sendable, Hashable {
        public var detects: DetectionKind
        public var format: String
        public var files: [File]
        public var input: Input
        public var scoreThreshold: Float
        public var nmsThreshold: Float
        public var output: String
        public var licence: String
        public var source: String
    }

    private struct Document: Codable {
        var schema: Int
        var models: [String: Model]
    }

    /// Manifest names of the models VeilVision knows how to run.
    public static let yuNetName = "yunet-2023mar"
    public static let yoloV3TinyName = "yolov3-tiny"
    /// The same YOLOv3-tiny converted to ONNX (scripts/models/darknet_to_onnx.py), for OpenVINO.
    public static let yoloV3TinyONNXName = "yolov3-tiny-onnx"
    /// That ONNX quantised to int8 (scripts/models/quantize_yolo_int8.py), OpenVINO IR.
    public static let yoloV3TinyInt8Name = "yolov3-tiny-int8"
    public static let ssdLiteName = "ssdlite-person"
    /// SSDLite as an OpenVINO IR cut before its post-processing loop (scripts/models/ssdlite_to_ir.py).
    public static let ssdLiteRawName = "ssdlite-person-raw"

    /// The directory holding `manifest.json` and the model files.
    public let directory: URL
    /// The models by manifest name.
    public let models: [String: Model]

    /// Loads `manifest.json` from `directory`.
    public init(directory: URL) throws {
        let url = directory.appendingPathComponent("manifest.json")
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw VisionError(.modelsDirectoryNotFound, operation: "reading the model manifest", file: url.path,
                              detail: "cannot read it (\(error.localizedDescription))", remedy: VisionError.restoreModels)
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw VisionError(.manifestInvalid, operation: "parsing the model manifest", file: url.path,
                              detail: "\(error)", remedy: VisionError.restoreModels)
        }
        guard document.schema == 1 else {
            throw VisionError(.manifestInvalid, operation: "parsing the model manifest", file: url.path,
                              detail: "schema \(document.schema) is not supported (expected 1)",
                              remedy: VisionError.restoreModels)
        }
        self.directory = directory
        self.models = document.models
    }

    /// Finds and loads the manifest. Search order: `explicitDirectory`; else `$VEIL_MODELS_DIR`;
    /// else `../share/veil/models` from the running executable's directory (an installed Veil
    /// uses the models installed with it, whatever the working directory); else a `models/`
    /// directory in the current directory or one of its parents; else one next to or above the
    /// running executable (`.build/debug/veil` → the package root).
    /// An explicit or environment path that does not hold a manifest is an error, not skipped.
    public static func locate(
        explicitDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) throws -> ModelManifest {
        if let explicitDirectory {
            return try ModelManifest(directory: URL(fileURLWithPath: explicitDirectory, isDirectory: true))
        }
        if let fromEnvironment = environment["VEIL_MODELS_DIR"], !fromEnvironment.isEmpty {
            return try ModelManifest(directory: URL(fileURLWithPath: fromEnvironment, isDirectory: true))
        }
        var searched: [String] = []
        var starts = [URL(fileURLWithPath: currentDirectory, isDirectory: true)]
        if let executablePath {
            let binDirectory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            // An installed Veil (scripts/install.sh): PREFIX/bin/veil and PREFIX/share/veil/models.
            let installed = binDirectory.deletingLastPathComponent().appendingPathComponent("share/veil/models", isDirectory: true)
            searched.append(installed.standardizedFileURL.path)
            if FileManager.default.fileExists(atPath: installed.appendingPathComponent("manifest.json").path) {
                return try ModelManifest(directory: installed)
            }
            starts.append(binDirectory)
        }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent("models", isDirectory: true)
                searched.append(candidate.path)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("manifest.json").path) {
                    return try ModelManifest(directory: candidate)
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw VisionError(.modelsDirectoryNotFound, operation: "locating the models directory",
                          detail: "no models/manifest.json in \(searched.joined(separator: ", "))",
                          remedy: "Run from the repository root, set VEIL_MODELS_DIR to the models directory, "
                              + "or pass its path explicitly")
    }

    /// The entry for `name`, or an error naming the manifest.
    public func model(named name: String) throws -> Model {
        guard let model = models[name] else {
            throw VisionError(.modelNotInManifest, operation: "loading model \(name)",
                              file: directory.appendingPathComponent("manifest.json").path,
                              detail: "the manifest has no entry \"\(name)\" (it has: \(models.keys.sorted().joined(separator: ", ")))",
                              remedy: VisionError.restoreModels)
        }
        return model
    }

    /// The file of `model` with `role`, as an absolute path.
    func path(of role: String, in model: Model, named name: String) throws -> (path: String, sha256: String) {
        guard let file = model.files.first(where: { $0.role == role }) else {
            throw VisionError(.manifestInvalid, operation: "loading model \(name)",
                              file: directory.appendingPathComponent("manifest.json").path,
                              detail: "the entry has no file with role \"\(role)\"", remedy: VisionError.restoreModels)
        }
        return (directory.appendingPathComponent(file.path).path, file.sha256)
    }
}
