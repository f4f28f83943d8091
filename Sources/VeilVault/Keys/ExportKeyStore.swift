import Foundation

/// The node's export signing key, under `<data_dir>/vault/export-key/`:
///
/// ```
/// private.pem   PKCS #8 Ed25519 private key, mode 0600, written atomically, created on first use
/// public.pem    SubjectPublicKeyInfo of the same key (what `veil export-key` prints)
/// ```
///
/// The private key never leaves this type: callers ask it to sign.
public struct ExportKeyStore: Sendable {
    public let directory: String
    var privateKeyPath: String { directory + "/private.pem" }
    /// Where the public key PEM is kept.
    public var publicKeyPath: String { directory + "/public.pem" }

    public init(dataDirectory: String) {
        directory = dataDirectory + "/vault/export-key"
    }

    /// The public key, or `nil` if no export has created the key yet.
    public func existingPublicKey() throws -> Ed25519PublicKey? {
        guard DurableFiles.exists(privateKeyPath) else { return nil }
        let key = try loadPrivateKey()
        return try key.publicKey()
    }

    /// The public key, creating the key pair first if there is none.
    public func publicKey() throws -> Ed25519PublicKey {
        let key = try loadOrCreate()
        return try key.publicKey()
    }

    /// Signs `message` with the export key (created on first use); returns the 64-byte
    /// signature and the public key that verifies it.
    public func sign(_ message: [UInt8]) throws -> (signature: [UInt8], publicKey: Ed25519PublicKey) {
        let key = try loadOrCreate()
        return (try key.signature(for: message), try key.publicKey())
    }

    private func loadOrCreate() throws -> Ed25519PrivateKey {
        if !DurableFiles.exists(privateKeyPath) {
            let fresh = try Ed25519PrivateKey.generate()
            let pem = fresh.withSecret { secret in
                secret.withUnsafeBytes { Ed25519DER.encodePEM(Ed25519DER.privatePrefix + Array($0), label: "PRIVATE KEY") }
            }
            try DurableFiles.createDirectories(directory)
            // A concurrent export may win the race; then its key is the node's key.
            _ = try DurableFiles.createExclusively(privateKeyPath, with: Array(pem.utf8))
        }
        let key = try loadPrivateKey()
        let publicPEM = try key.publicKey().pem
        if (try? String(contentsOfFile: publicKeyPath, encoding: .utf8)) != publicPEM {
            try DurableFiles.replace(publicKeyPath, with: Array(publicPEM.utf8))
            chmod(publicKeyPath, 0o644)
        }
        return key
    }

    private func loadPrivateKey() throws -> Ed25519PrivateKey {
        let bytes = try PosixFile(path: privateKeyPath, mode: .read).readAll()
        guard let der = Ed25519DER.decodePEM(String(decoding: bytes, as: UTF8.self), label: "PRIVATE KEY"),
              der.count == 48, Array(der.prefix(16)) == Ed25519DER.privatePrefix else {
            throw VaultError(.keyRecordCorrupt, "the export key \(privateKeyPath) is not an Ed25519 PKCS #8 PEM. Restore it from backup; if it is lost, move it aside and a new key is created on the next export (earlier manifests then verify only with the old public key).")
        }
        return Ed25519PrivateKey(rawRepresentation: SecureBytes(copying: Array(der.suffix(32))))
    }
}
