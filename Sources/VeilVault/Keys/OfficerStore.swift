import Foundation

/// Officer records under `vault/officers/`.
struct OfficerStore: Sendable {
    let layout: VaultLayout

    func list() throws -> [Officer] {
        try DurableFiles.list(layout.officers).filter { $0.hasSuffix(".officer") && !$0.hasPrefix(".") }.map { name in
            let path = layout.officers + "/" + name
            return try RecordFile.read(OfficerRecord.self, at: path, what: "officer record").validated(path: path)
        }
    }

    func add(name: String, passphrase: borrowing Passphrase, parameters: ScryptParameters, now: Date) throws -> Officer {
        try Identifier.validate(name, what: "officer name")
        guard passphrase.count >= Passphrase.minimumCount else {
            throw VaultError(.invalidArgument, "the passphrase for officer '\(name)' is too short: use at least \(Passphrase.minimumCount) characters.")
        }
        let path = layout.officer(name)
        guard !DurableFiles.exists(path) else {
            throw VaultError(.officerExists, "officer '\(name)' already exists (\(path)); choose another name.")
        }
        let key = try X25519PrivateKey.generate()
        let publicKey = try key.publicKey()
        let salt = try SecureRandom.bytes(count: 16)
        let nonce = try SecureRandom.bytes(count: 12)
        let wrappingKey = try Scrypt.derive(passphrase: passphrase.bytes, salt: salt, parameters: parameters)
        let sealed = try key.withSecret { secret in
            try AESGCM.seal(key: wrappingKey, nonce: nonce, aad: OfficerRecord.associatedData(name: name, publicKey: publicKey), plaintext: secret)
        }
        let record = OfficerRecord(
            format: OfficerRecord.formatName, name: name, publicKey: Hex.encode(publicKey.rawRepresentation),
            createdAt: Canonical.milliseconds(now),
            kdf: .init(algorithm: "scrypt", logN: parameters.logN, r: parameters.r, p: parameters.p, salt: Hex.encode(salt)),
            nonce: Hex.encode(nonce), encryptedPrivateKey: Hex.encode(sealed))
        guard try DurableFiles.createExclusively(path, with: RecordFile.encode(record)) else {
            throw VaultError(.officerExists, "officer '\(name)' already exists (\(path)); choose another name.")
        }
        return Officer(name: name, publicKey: publicKey, createdAt: Canonical.date(record.createdAt))
    }

    func unlock(name: String, passphrase: borrowing Passphrase) throws -> UnlockedOfficerKey {
        try Identifier.validate(name, what: "officer name")
        let path = layout.officer(name)
        guard DurableFiles.exists(path) else {
            let known = (try? list().map(\.name)) ?? []
            throw VaultError(.unknownOfficer, "no officer named '\(name)' in \(layout.officers) (registered: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Check the name or add the officer with 'veil officer add'.")
        }
        let record = try RecordFile.read(OfficerRecord.self, at: path, what: "officer record")
        let officer = try record.validated(path: path)
        let wrappingKey = try Scrypt.derive(passphrase: passphrase.bytes, salt: Hex.decode(record.kdf.salt)!, parameters: record.kdf.parameters)
        guard let secret = try AESGCM.open(key: wrappingKey, nonce: Hex.decode(record.nonce)!,
                                           aad: OfficerRecord.associatedData(name: name, publicKey: officer.publicKey),
                                           sealed: Hex.decode(record.encryptedPrivateKey)!)
        else {
            throw VaultError(.wrongPassphrase, "wrong passphrase for officer '\(name)': their private key did not decrypt (or \(path) was altered). Try again; the attempt is recorded in the audit log.")
        }
        let key = X25519PrivateKey(rawRepresentation: secret)
        guard try key.publicKey() == officer.publicKey else {
            throw VaultError(.keyRecordTampered, "officer record \(path): the decrypted private key does not belong to the stored public key. The record was tampered with; restore it from a backup.")
        }
        return UnlockedOfficerKey(name: name, publicKey: officer.publicKey, key: key)
    }
}
