import Foundation
public import VeilVault
import VeilArchive

/// What a successful verification established.
public struct VerificationReport: Sendable {
    public let manifest: ExportManifest
    /// The key the signature verified with.
    public let publicKey: Ed25519PublicKey
}

/// Checks a clip against its manifest: the manifest's signature (with the node's export key,
/// or one given), then the clip's size and SHA-256. Throws an `ExportError` saying precisely
/// what differs.
public struct ClipVerifier: Sendable {
    /// The key to trust; `nil` uses the export key under `dataDirectory`.
    public let publicKey: Ed25519PublicKey?
    public let dataDirectory: String?

    public init(publicKey: Ed25519PublicKey? = nil, dataDirectory: String? = nil) {
        self.publicKey = publicKey
        self.dataDirectory = dataDirectory
    }

    public func verify(clip: String, manifest manifestPath: String? = nil) throws -> VerificationReport {
        let manifestPath = manifestPath ?? ClipExporter.manifestPath(for: clip)
        // FileHandle, not FileManager.contents: swift-foundation leaks 4 KiB on every empty
        // file read that way (and through Data(contentsOf:) and String(contentsOfFile:)).
        guard let handle = FileHandle(forReadingAtPath: manifestPath), let data = try? handle.readToEnd() ?? Data() else {
            throw ExportError(.manifestUnreadable, "no manifest at \(manifestPath); pass --manifest with the manifest exported with \(clip).")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ExportError(.manifestUnreadable, "\(manifestPath) is not a JSON object: the manifest is damaged; use an intact copy.")
        }
        for field in ExportManifest.requiredFields where Self.value(at: field, in: object) == nil {
            throw ExportError(.manifestFieldMissing, "manifest field \(field) missing in \(manifestPath): the manifest was edited or truncated; use an intact copy.")
        }
        let manifest: ExportManifest
        do {
            manifest = try JSONDecoder().decode(ExportManifest.self, from: data)
        } catch {
            throw ExportError(.manifestFieldMissing, "a manifest field in \(manifestPath) is malformed (\(error)); use an intact copy.")
        }
        let key = try trustedKey()
        guard let signature = manifest.signature, let signatureBytes = Self.hex(signature.value) else {
            throw ExportError(.manifestFieldMissing, "manifest field signature.value in \(manifestPath) is not hexadecimal.")
        }
        if signature.publicKey != key.hex {
            throw ExportError(.signatureInvalid, "manifest signature is by key \(signature.publicKey.prefix(16))…, not the trusted export key \(key.hex.prefix(16))… (fingerprint \(key.fingerprint.prefix(16))); get the exporting node's key with 'veil export-key' and pass it with --public-key.")
        }
        guard key.isValidSignature(signatureBytes, for: try ExportManifest.canonicalBytes(of: object)) else {
            throw ExportError(.signatureInvalid, "manifest signature does not verify: the manifest \(manifestPath) was changed after export.")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: clip)
        guard let size = (attributes?[.size] as? NSNumber)?.int64Value else {
            throw ExportError(.clipDiffers, "\(clip) cannot be read; check the path.")
        }
        let name = (clip as NSString).lastPathComponent
        if size != manifest.output.bytes {
            throw ExportError(.clipDiffers, "\(name): size differs from the manifest (manifest \(manifest.output.bytes) bytes, file \(size) bytes): the clip was changed or truncated.")
        }
        let sha256 = try sha256OfFile(clip)
        if sha256 != manifest.output.sha256 {
            throw ExportError(.clipDiffers, "\(name): SHA-256 differs from the manifest (manifest \(manifest.output.sha256), file \(sha256)): the clip was changed after export.")
        }
        return VerificationReport(manifest: manifest, publicKey: key)
    }

    private func trustedKey() throws -> Ed25519PublicKey {
        if let publicKey { return publicKey }
        if let dataDirectory, let stored = try ExportKeyStore(dataDirectory: dataDirectory).existingPublicKey() { return stored }
        throw ExportError(.noPublicKey, "no export key to check the signature with: this node has none under \(dataDirectory ?? "the data directory"); pass the exporting node's public key PEM (from 'veil export-key') with --public-key.")
    }

    /// The value at a dotted path (`output.sha256`), `nil` if absent or null.
    static func value(at path: String, in object: [String: Any]) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current is NSNull ? nil : current
    }

    static func hex(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
