import Foundation
import Crypto
import VeilCore

/// A node's Ed25519 key for signing the entries it adds to the cluster's audit chain. Kept in
/// its data directory (`cluster/audit-signing.key`, mode 0600, the private key as hex), made
/// at the node's first start in cluster mode; only the public half goes to PostgreSQL.
public struct AuditSigningKey: Sendable {
    /// The private key's raw bytes (swift-crypto's key type is not `Sendable`).
    private let raw: Data
    public let publicKey: String

    init(key: Curve25519.Signing.PrivateKey) {
        raw = key.rawRepresentation
        publicKey = Hex.encode(key.publicKey.rawRepresentation)
    }

    /// Loads the node's key, making it first if there is none.
    public static func load(dataDirectory: String) throws -> AuditSigningKey {
        let folder = dataDirectory + "/cluster", path = folder + "/audit-signing.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
                throw ClusterError(.configuration, "reading the node's audit signing key", database: path,
                                   detail: "\(path) is not an Ed25519 private key in hex; restore it from a backup or "
                                       + "move it away to make a new one (entries it signed stay verifiable by its public key)")
            }
            return AuditSigningKey(key: key)
        }
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: path, contents: Data((Hex.encode(key.rawRepresentation) + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ClusterError(.configuration, "writing the node's audit signing key", database: path,
                               detail: "cannot create \(path)")
        }
        return AuditSigningKey(key: key)
    }

    func sign(_ hash: String) throws -> String {
        Hex.encode(try Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: Data(hash.utf8)))
    }

    static func verify(signature: String, of hash: String, publicKey: String) -> Bool {
        guard let signature = Hex.decode(signature), let raw = Hex.decode(publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: Data(hash.utf8))
    }
}
