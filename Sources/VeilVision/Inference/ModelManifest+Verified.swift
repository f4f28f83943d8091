internal import Crypto
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
        // One pass: every piece read goes into the digest and into the bytes returned, so what
        // was checked is exactly what the runtime gets (no second read that could differ).
        var bytes: [UInt8] = []
        var digest = SHA256()
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            if let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int { bytes.reserveCapacity(size) }
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
                digest.update(data: piece)
                bytes.append(contentsOf: piece)
            }
        } catch {
            throw VisionError(.modelFileUnreadable, operation: "loading model \(model)", file: path,
                              detail: "cannot read it (\(error.localizedDescription))", remedy: VisionError.restoreModels)
        }
        let actual = digest.finalize().map { String(format: "%02x", $0) }.joined()
        guard actual == expected.lowercased() else {
            throw VisionError(.modelHashMismatch, operation: "loading model \(model)", file: path,
                              detail: "it has SHA-256 \(actual), expected \(expected.lowercased()): it was damaged or replaced",
                              remedy: VisionError.restoreModels)
        }
        return bytes
    }
}
