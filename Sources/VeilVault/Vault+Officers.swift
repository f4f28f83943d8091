import Foundation

extension Vault {
    /// Registers an officer: a new X25519 key pair, the private half encrypted under the
    /// passphrase. Audited. The officer can open epochs created from now on, not earlier ones.
    @discardableResult
    public func addOfficer(name: String, passphrase: borrowing Passphrase, actor: String) throws -> Officer {
        try VaultLock.withLock(layout) {
            let officer = try officerStore.add(name: name, passphrase: passphrase, parameters: configuration.officerKeyDerivation, now: clock.now())
            try audit.append(actor: actor, action: "officer.add", subject: "officer \(name)",
                             reason: "registered with public key \(officer.publicKey.fingerprint)")
            return officer
        }
    }

    /// Registered officers, by name.
    public func officers() throws -> [Officer] { try officerStore.list() }

    /// Decrypts an officer's private key. A wrong passphrase is recorded in the audit log.
    public func unlockOfficer(name: String, passphrase: borrowing Passphrase) throws -> UnlockedOfficerKey {
        do {
            return try officerStore.unlock(name: name, passphrase: passphrase)
        } catch let error as VaultError where error == .wrongPassphrase {
            try audit.append(actor: name, action: "officer.unlock-failed", subject: "officer \(name)", reason: "wrong passphrase")
            throw error
        }
    }
}
