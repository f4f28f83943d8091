import Foundation
import VeilCore
import VeilVault

/// `web/users/<name>.user`: one console user, written with ``RecordFile``'s checksum trailer
/// so an edit by hand (another role, another hash) is refused, as officer records are.
struct StaffAccountRecord: Codable, Sendable {
    static let formatName = "veil-staff-user-v1"

    struct PasswordHash: Codable, Sendable {
        var algorithm: String
        var logN: Int
        var r: Int
        var p: Int
        var salt: String
        var hash: String

        var parameters: ScryptParameters { ScryptParameters(logN: logN, r: r, p: p) }
    }

    /// An API token: only its SHA-256 is kept (a token is 32 random bytes, so a fast hash is
    /// enough); `id` is its first 8 characters, to name it in `veil user list` and the audit log.
    struct Token: Codable, Sendable {
        var id: String
        var sha256: String
        var createdAt: Int64
    }

    var format: String
    var name: String
    var role: StaffRole
    var createdAt: Int64
    var password: PasswordHash
    var tokens: [Token]

    static func hash(_ password: borrowing Passphrase, parameters: ScryptParameters) throws -> PasswordHash {
        let salt = try SecureRandom.bytes(count: 16)
        let derived = try password.scryptHash(salt: salt, parameters: parameters)
        return PasswordHash(algorithm: "scrypt", logN: parameters.logN, r: parameters.r, p: parameters.p,
                            salt: Hex.encode(salt), hash: Hex.encode(derived))
    }

    /// Whether `password` is this user's, compared in constant time.
    func accepts(_ password: borrowing Passphrase) throws -> Bool {
        guard let salt = Hex.decode(self.password.salt), let stored = Hex.decode(self.password.hash) else { return false }
        let derived = try password.scryptHash(salt: salt, parameters: self.password.parameters, outputCount: stored.count)
        return zip(derived, stored).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 && derived.count == stored.count
    }

    /// Refuses a record whose fields could not have been written by Veil.
    func validated(path: String) throws -> StaffAccountRecord {
        let bad = { (what: String) in
            VaultError(.keyRecordCorrupt, "console user record \(path) is corrupt (\(what)). Remove the user with `veil user remove` and add them again.")
        }
        guard format == Self.formatName else { throw bad("format '\(format)'") }
        guard password.algorithm == "scrypt", password.parameters.isAcceptable else { throw bad("password parameters") }
        guard Hex.decode(password.salt)?.count == 16, Hex.decode(password.hash)?.count == 32 else { throw bad("password hash") }
        guard Canonical.areRepresentable(createdAt) else { throw bad("creation time") }
        guard path.hasSuffix("/" + name + ".user") else { throw bad("its name '\(name)' is not its file's") }
        return self
    }

    var account: StaffAccount {
        StaffAccount(name: name, role: role, createdAt: Canonical.date(createdAt), tokenIDs: tokens.map(\.id))
    }
}
