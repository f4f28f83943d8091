import Foundation
import VeilCore

/// `vault/officers/<name>.officer`: an officer's public key and their private key encrypted
/// under a key derived from their passphrase with scrypt (docs/sealed-format.md).
/// A removed officer keeps their record, marked with `removed`: epochs already wrapped to
/// them stay openable until they expire, and the public key stays to compare with the audit log.
struct OfficerRecord: Codable {
    static let formatName = "veil-officer-v1"

    struct KeyDerivation: Codable {
        var algorithm: String
        var logN: Int
        var r: Int
        var p: Int
        var salt: String
        var parameters: ScryptParameters { ScryptParameters(logN: logN, r: r, p: p) }
    }

    /// When, by whom and why the officer was removed. Absent (not encoded) while active.
    struct Removal: Codable {
        var at: Int64
        var by: String
        var reason: String
    }

    var format: String
    var name: String
    var publicKey: String
    var createdAt: Int64
    var kdf: KeyDerivation
    var nonce: String
    var encryptedPrivateKey: String
    var removed: Removal?

    /// Associated data of the private-key encryption: binds it to the name and public key.
    static func associatedData(name: String, publicKey: X25519PublicKey) -> [UInt8] {
        Canonical.encode([Array(formatName.utf8), Array(name.utf8), publicKey.rawRepresentation])
    }

    /// The public key, after checking the record's structure (path and name must agree).
    func validated(path: String) throws -> Officer {
        let bad = { (what: String) in
            VaultError(.keyRecordCorrupt, "officer record \(path) is invalid (\(what)). Restore it from a backup; the vault refuses to run with it.")
        }
        guard format == Self.formatName else { throw bad("format '\(format)' is not \(Self.formatName)") }
        guard (try? Identifier.validate(name, what: "officer")) != nil, DurableFiles.fileName(of: path) == name + ".officer" else {
            throw VaultError(.keyRecordTampered, "officer record \(path) names officer '\(name)', which does not match its file name. It was renamed or edited; restore it from a backup.")
        }
        guard let key = Hex.decode(publicKey).flatMap(X25519PublicKey.init(rawRepresentation:)) else { throw bad("public key") }
        guard Canonical.areRepresentable(createdAt) else { throw bad("creation time outside years 1–9999") }
        if let removed { guard Canonical.areRepresentable(removed.at), removed.at >= createdAt else { throw bad("removal time") } }
        guard kdf.algorithm == "scrypt", kdf.parameters.isAcceptable, Hex.decode(kdf.salt)?.count == 16 else { throw bad("key derivation parameters") }
        guard Hex.decode(nonce)?.count == 12, Hex.decode(encryptedPrivateKey)?.count == 48 else { throw bad("encrypted private key") }
        return Officer(name: name, publicKey: key, createdAt: Canonical.date(createdAt),
                       removal: removed.map { OfficerRemoval(at: Canonical.date($0.at), by: $0.by, reason: $0.reason) })
    }
}
