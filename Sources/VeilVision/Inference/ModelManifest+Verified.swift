internal import CVeilVision
import Foundation
import VeilInference

extension ModelManifest {
    /// Reads the files of model `name` with `roles`, in that order, and checks each against its
    /// SHA-256 in the manifest. The bytes returned are the bytes checked: they, not the paths,
    /// go to the inference runtime.
    func verifiedFiles(of name: String, roles: [String]) throws -> [ModelBytes] {
        let entry = try model(named: name)
        return try roles.map { role in
            let file = try path(of: role, in: entry, named: name)
            return ModelBytes(path: file.path, bytes: try Self.readVerified(file.path, sha256: file.sha256, model: name))
        }
    }

    private static func readVerified(_ path: String, sha256 expected: String, model: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw VisionError(.modelFileMissing, operation: "loading model \(model)", file: path,
                              detail: "model file not found", remedy: VisionError.restoreModels)
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw VisionError(.modelFileUnreadable, operation: "loading model \(model)", file: path,
                              detail: "cannot read it (\(error.localizedDescription))", remedy: VisionError.restoreModels)
        }
        var hex = [CChar](repeating: 0, count: 65)
        let result = bytes.withUnsafeBytes { raw in
            callShim { veilcv_sha256(veilcv_bytes(data: raw.baseAddress, size: raw.count), &hex, $0, $1) }
        }
        guard result.succeeded else {
            throw VisionError(.internalError, operation: "hashing model file", file: path, detail: result.message,
                              remedy: "")
        }
        let actual = String(cString: hex)
        guard actual == expected.lowercased() else {
            throw VisionError(.modelHashMismatch, operation: "loading model \(model)", file: path,
                              detail: "it has SHA-256 \(actual), expected \(expected.lowercased()): it was damaged or replaced",
                              remedy: VisionError.restoreModels)
        }
        return bytes
    }
}
