public import Foundation
import VeilCore

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

    /// Every officer by name, removed ones included (see `Officer.removal`).
    public func officers() throws -> [Officer] { try officerStore.list() }

    /// Decrypts an officer's private key. A wrong passphrase is recorded in the audit log.
    /// A removed officer can still unlock: epochs wrapped to them stay theirs until they expire.
    public func unlockOfficer(name: String, passphrase: borrowing Passphrase) throws -> UnlockedOfficerKey {
        do {
            return try officerStore.unlock(name: name, passphrase: passphrase)
        } catch let error as VaultError where error == .wrongPassphrase {
            try audit.append(actor: name, action: "officer.unlock-failed", subject: "officer \(name)", reason: "wrong passphrase")
            throw error
        }
    }

    /// Re-encrypts an officer's private key under `new`, after checking `old` (a wrong one
    /// is audited as `officer.unlock-failed` and changes nothing). The key pair stays, so
    /// every epoch wrapped to the officer stays openable with the new passphrase. Audited
    /// as `officer.passwd`, without any secret.
    public func changeOfficerPassphrase(name: String, old: borrowing Passphrase, new: borrowing Passphrase, actor: String) throws {
        try VaultLock.withLock(layout) {
            do {
                try officerStore.changePassphrase(name: name, old: old, new: new, parameters: configuration.officerKeyDerivation)
            } catch let error as VaultError where error == .wrongPassphrase {
                try audit.append(actor: actor, action: "officer.unlock-failed", subject: "officer \(name)", reason: "wrong old passphrase for a passphrase change; nothing changed")
                throw error
            }
            try audit.append(actor: actor, action: "officer.passwd", subject: "officer \(name)",
                             reason: "private key re-encrypted under a new passphrase (scrypt log2 N \(configuration.officerKeyDerivation.logN)); key pair unchanged")
        }
    }

    /// Removes an officer: epochs created from now on are not wrapped to them; epochs already
    /// wrapped to them stay openable by them until they expire (returned: the latest such
    /// expiry, `nil` when none is live). The record stays, marked removed, for those epochs and
    /// so its public key can be compared with the audit log. Refused for the last active officer
    /// (new footage could not be sealed, or would be sealed to nobody): add another one first.
    /// Audited as `officer.remove` before it takes effect.
    @discardableResult
    public func removeOfficer(name: String, reason: String, actor: String) throws -> Date? {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw VaultError(.invalidArgument, "removing an officer needs a reason; state it with --reason.")
        }
        return try VaultLock.withLock(layout) {
            let (record, path) = try officerStore.read(name)
            let officer = try record.validated(path: path)
            if let removal = officer.removal {
                throw VaultError(.officerRemoved, "officer '\(name)' was already removed at \(Timestamps.format(removal.at)) by \(removal.by) (\(removal.reason)); nothing was changed.")
            }
            guard try officerStore.active().contains(where: { $0.name != name }) else {
                throw VaultError(.lastOfficer, "officer '\(name)' is the only active officer: without one, no new epoch key can be created and cameras cannot record raw footage that anyone could open. Add another officer first ('veil officer add NAME'), then remove '\(name)'. Nothing was changed.")
            }
            let now = clock.now()
            let until = try latestExpiry(wrappedTo: name, after: now)
            let access = until.map { "epochs already wrapped to them stay openable by them until \(Timestamps.format($0))" } ?? "no live footage is wrapped to them"
            try audit.append(actor: actor, action: "officer.remove", subject: "officer \(name)",
                             reason: "\(reason) (public key \(officer.publicKey.fingerprint); new epochs are no longer wrapped to them; \(access))")
            try officerStore.markRemoved(name: name, removal: .init(at: Canonical.milliseconds(now), by: actor, reason: reason))
            return until
        }
    }

    /// The latest expiry among live (unexpired) epochs wrapped to `officer`.
    func latestExpiry(wrappedTo officer: String, after now: Date) throws -> Date? {
        try epochStore.recordPaths().compactMap { path -> Date? in
            let record = try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record")
            let expiry = Canonical.date(record.expiresAt)
            return record.wrappedKeys.contains { $0.officer == officer } && expiry > now ? expiry : nil
        }.max()
    }
}
