import Foundation
import VeilCore

/// Officer records under `vault/officers/`. Changes (add, new passphrase, removal) are made
/// with the vault lock held; each record is written whole, atomically.
struct OfficerStore: Sendable {
    let layout: VaultLayout

    /// Every officer, removed ones included (marked), by name.
    func list() throws -> [Officer] {
        try DurableFiles.list(layout.officers).filter { $0.hasSuffix(".officer") && !$0.hasPrefix(".") }.map { name in
            let path = layout.officers + "/" + name
            return try RecordFile.read(OfficerRecord.self, at: path, what: "officer record").validated(path: path)
        }
    }

    /// The officers new epochs are wrapped to: every one not removed.
    func active() throws -> [Officer] { try list().filter(\.isActive) }

    func add(name: String, passphrase: borrowing Passphrase, parameters: ScryptParameters, now: Date) throws -> Officer {
        try Identifier.validate(name, what: "officer name")
        try Self.checkLength(of: passphrase, for: name)
        let path = layout.officer(name)
        guard !DurableFiles.exists(path) else {
            throw VaultError(.officerExists, "officer '\(name)' already exists (\(path)); choose another name.")
        }
        let key = try X25519PrivateKey.generate()
        let publicKey = try key.publicKey()
        var record = OfficerRecord(
            format: OfficerRecord.formatName, name: name, publicKey: Hex.encode(publicKey.rawRepresentation),
            createdAt: Canonical.milliseconds(now), kdf: .init(algorithm: "scrypt", logN: 0, r: 0, p: 0, salt: ""),
            nonce: "", encryptedPrivateKey: "", removed: nil)
        try record.encrypt(key, publicKey: publicKey, under: passphrase, parameters: parameters)
        guard try DurableFiles.createExclusively(path, with: RecordFile.encode(record)) else {
            throw VaultError(.officerExists, "officer '\(name)' already exists (\(path)); choose another name.")
        }
        return try record.validated(path: path)
    }

    func unlock(name: String, passphrase: borrowing Passphrase) throws -> UnlockedOfficerKey {
        let (record, path) = try read(name)
        let officer = try record.validated(path: path)
        return UnlockedOfficerKey(name: name, publicKey: officer.publicKey, key: try record.decrypt(with: passphrase, path: path))
    }

    /// Re-encrypts the officer's private key under `new` (fresh salt and nonce, `parameters`)
    /// after checking `old`; the record is replaced atomically, so a crash leaves the old
    /// passphrase or the new one working, never neither. The private key never touches disk in plaintext.
    func changePassphrase(name: String, old: borrowing Passphrase, new: borrowing Passphrase, parameters: ScryptParameters) throws {
        var (record, path) = try read(name)
        let officer = try record.validated(path: path)
        let key = try record.decrypt(with: old, path: path)
        try Self.checkLength(of: new, for: name)
        try record.encrypt(key, publicKey: officer.publicKey, under: new, parameters: parameters)
        key.destroy()
        try DurableFiles.replace(path, with: RecordFile.encode(record))
    }

    /// Marks the officer removed; the record (and so their access to epochs already wrapped to them) stays.
    func markRemoved(name: String, removal: OfficerRecord.Removal) throws {
        var (record, path) = try read(name)
        record.removed = removal
        _ = try record.validated(path: path)
        try DurableFiles.replace(path, with: RecordFile.encode(record))
    }

    /// The officer's record, or an error naming the officers that do exist.
    func read(_ name: String) throws -> (OfficerRecord, path: String) {
        try Identifier.validate(name, what: "officer name")
        let path = layout.officer(name)
        guard DurableFiles.exists(path) else {
            let known = (try? list().map(\.name)) ?? []
            throw VaultError(.unknownOfficer, "no officer named '\(name)' in \(layout.officers) (registered: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Check the name or add the officer with 'veil officer add'.")
        }
        return (try RecordFile.read(OfficerRecord.self, at: path, what: "officer record"), path)
    }

    private static func checkLength(of passphrase: borrowing Passphrase, for name: String) throws {
        guard passphrase.count >= Passphrase.minimumCount else {
            throw VaultError(.invalidArgument, "the passphrase for officer '\(name)' is too short: use at least \(Passphrase.minimumCount) characters.")
        }
    }
}

extension OfficerRecord {
    /// Encrypts `key` under `passphrase` with a fresh salt and nonce, replacing the stored ciphertext.
    mutating func encrypt(_ key: borrowing X25519PrivateKey, publicKey: X25519PublicKey, under passphrase: borrowing Passphrase,
                          parameters: ScryptParameters) throws {
        let salt = try SecureRandom.bytes(count: 16)
        let nonce = try SecureRandom.bytes(count: 12)
        let wrappingKey = try Scrypt.derive(passphrase: passphrase.bytes, salt: salt, parameters: parameters)
        let sealed = try key.withSecret { secret in
            try AESGCM.seal(key: wrappingKey, nonce: nonce, aad: Self.associatedData(name: name, publicKey: publicKey), plaintext: secret)
        }
        kdf = .init(algorithm: "scrypt", logN: parameters.logN, r: parameters.r, p: parameters.p, salt: Hex.encode(salt))
        self.nonce = Hex.encode(nonce)
        encryptedPrivateKey = Hex.encode(sealed)
    }

    /// The private key, if `passphrase` decrypts it and it belongs to the stored public key.
    /// Call on a record that passed `validated(path:)`.
    func decrypt(with passphrase: borrowing Passphrase, path: String) throws -> X25519PrivateKey {
        let officer = try validated(path: path)
        let wrappingKey = try Scrypt.derive(passphrase: passphrase.bytes, salt: Hex.decode(kdf.salt)!, parameters: kdf.parameters)
        guard let secret = try AESGCM.open(key: wrappingKey, nonce: Hex.decode(nonce)!,
                                           aad: Self.associatedData(name: name, publicKey: officer.publicKey),
                                           sealed: Hex.decode(encryptedPrivateKey)!)
        else {
            throw VaultError(.wrongPassphrase, "wrong passphrase for officer '\(name)': their private key did not decrypt (or \(path) was altered). Try again; the attempt is recorded in the audit log.")
        }
        let key = X25519PrivateKey(rawRepresentation: secret)
        guard try key.publicKey() == officer.publicKey else {
            throw VaultError(.keyRecordTampered, "officer record \(path): the decrypted private key does not belong to the stored public key. The record was tampered with; restore it from a backup.")
        }
        return key
    }
}
