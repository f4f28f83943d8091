import Foundation
import VeilCore

/// Epoch key records under `vault/epochs/` and tombstones under `vault/tombstones/`.
struct EpochKeyStore: Sendable {
    let layout: VaultLayout

    /// The epoch of `camera` containing `time`, created if needed: a fresh key pair whose
    /// private half is wrapped to every officer and zeroised before this returns.
    /// Call with the vault lock held.
    func currentEpoch(camera: String, at time: Date, officers: [Officer], configuration: VaultConfiguration) throws -> EpochPublicKey {
        try Identifier.validateCamera(camera, what: "camera id")
        let start = EpochWindow.start(containing: time, length: configuration.epochLength)
        let epoch = EpochID(start: start)
        let path = layout.epochKey(camera: camera, epoch: epoch)
        if let existing = try loadIfPresent(camera: camera, epoch: epoch) {
            guard existing.expiresAt > time else {
                throw VaultError(.epochExpired, "camera '\(camera)' epoch \(epoch) already expired at \(Timestamps.format(existing.expiresAt)); refusing to seal new footage to it. Check the system clock.")
            }
            return existing
        }
        if let tombstone = try tombstone(camera: camera, epoch: epoch) {
            throw VaultError(.epochShredded, "\(tombstone.summary); refusing to seal new footage to it. Check the system clock.")
        }
        guard !officers.isEmpty else {
            throw VaultError(.noOfficers, "no officers are registered in \(layout.officers), so an epoch key for camera '\(camera)' could never be opened. Add one with 'veil officer add NAME' first.")
        }
        let startsAt = Canonical.milliseconds(start)
        let endsAt = Canonical.milliseconds(start + configuration.epochLength)
        let expiresAt = Canonical.milliseconds(start + configuration.epochLength + configuration.rawRetention)
        let key = try X25519PrivateKey.generate()
        let publicKey = try key.publicKey()
        let wraps = try officers.map { officer in
            let aad = EpochKeyRecord.associatedData(camera: camera, epoch: epoch, startsAt: startsAt, endsAt: endsAt, publicKey: publicKey,
                                                    officer: officer.name, officerPublicKey: officer.publicKey)
            let wrapped = try key.withSecret { try KeyWrap.wrap($0, to: officer.publicKey, info: KeyWrap.epochPrivateKeyInfo, aad: { _ in aad }) }
            return EpochKeyRecord.WrappedKey(officer: officer.name, officerPublicKey: Hex.encode(officer.publicKey.rawRepresentation),
                                             ephemeralPublicKey: Hex.encode(wrapped.ephemeral.rawRepresentation), sealed: Hex.encode(wrapped.sealed))
        }
        key.destroy()
        let record = EpochKeyRecord(format: EpochKeyRecord.formatName, camera: camera, epoch: epoch.rawValue, startsAt: startsAt,
                                    endsAt: endsAt, createdAt: Canonical.milliseconds(time), retentionExpiresAt: expiresAt,
                                    expiresAt: expiresAt, publicKey: Hex.encode(publicKey.rawRepresentation), holds: [], wrappedKeys: wraps)
        guard try DurableFiles.createExclusively(path, with: RecordFile.encode(record)) else {
            return try load(camera: camera, epoch: epoch).validated(path: path, layout: layout)
        }
        return try record.validated(path: path, layout: layout)
    }

    /// The record of an epoch, or a precise error: shredded (with its tombstone), or missing.
    func load(camera: String, epoch: EpochID) throws -> EpochKeyRecord {
        try Identifier.validateCamera(camera, what: "camera id")
        let path = layout.epochKey(camera: camera, epoch: epoch)
        if DurableFiles.exists(path) { return try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record") }
        if let tombstone = try tombstone(camera: camera, epoch: epoch) {
            throw VaultError(.epochShredded, "\(tombstone.summary). Its raw footage is unrecoverable.")
        }
        throw VaultError(.keyRecordMissing, "no key record for camera '\(camera)' epoch \(epoch) (expected \(path)) and no tombstone: the epoch was never created on this vault, the camera or epoch is misspelled, or the record was deleted outside Veil.")
    }

    private func loadIfPresent(camera: String, epoch: EpochID) throws -> EpochPublicKey? {
        let path = layout.epochKey(camera: camera, epoch: epoch)
        guard DurableFiles.exists(path) else { return nil }
        return try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record").validated(path: path, layout: layout)
    }

    /// Unwraps the epoch private key with an officer's key.
    func openPrivateKey(_ record: EpochKeyRecord, officer: borrowing UnlockedOfficerKey) throws -> EpochPrivateKey {
        let path = layout.epochKey(camera: record.camera, epoch: record.epochID)
        let epoch = try record.validated(path: path, layout: layout)
        guard let wrap = record.wrappedKeys.first(where: { $0.officer == officer.name }) else {
            throw VaultError(.notWrappedForOfficer, "camera '\(record.camera)' epoch \(record.epoch) was not wrapped to officer '\(officer.name)' (only to \(record.wrappedKeys.map(\.officer).joined(separator: ", "))); officers added after an epoch began cannot open it. Ask one of those officers.")
        }
        let tampered = VaultError(.keyRecordTampered, "epoch key record \(path): the key wrapped to officer '\(officer.name)' failed authentication. The record was altered; restore it from a backup.")
        guard Hex.decode(wrap.officerPublicKey) == officer.publicKey.rawRepresentation,
              let ephemeral = Hex.decode(wrap.ephemeralPublicKey).flatMap(X25519PublicKey.init(rawRepresentation:)),
              let sealed = Hex.decode(wrap.sealed) else { throw tampered }
        let aad = EpochKeyRecord.associatedData(camera: record.camera, epoch: epoch.epoch, startsAt: record.startsAt, endsAt: record.endsAt,
                                                publicKey: epoch.publicKey, officer: officer.name, officerPublicKey: officer.publicKey)
        guard let secret = try KeyWrap.unwrap(sealed, ephemeral: ephemeral, with: officer.key, info: KeyWrap.epochPrivateKeyInfo, aad: aad) else {
            throw tampered
        }
        let key = X25519PrivateKey(rawRepresentation: secret)
        guard try key.publicKey() == epoch.publicKey else { throw tampered }
        return EpochPrivateKey(camera: record.camera, epoch: epoch.epoch, publicKey: epoch.publicKey, key: key)
    }

    /// Atomically rewrites a record (after a hold). Call with the vault lock held.
    func replace(_ record: EpochKeyRecord) throws {
        try DurableFiles.replace(layout.epochKey(camera: record.camera, epoch: record.epochID), with: RecordFile.encode(record))
    }
}
