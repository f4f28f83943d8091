public import Foundation
import VeilCore

extension Vault {
    /// The epoch of `camera` containing `time`, created if it does not exist yet (its
    /// private key wrapped to the active officers the configuration names, or to every active
    /// officer when it names none; never to removed ones; zeroised at once). Returns only
    /// public data: the caller can seal to it, never open. Refuses when no such officer exists.
    public func currentEpoch(camera: String, at time: Date) throws -> EpochPublicKey {
        try VaultLock.withLock(layout) {
            let existed = DurableFiles.exists(layout.epochKey(camera: camera, epoch: EpochID(start: EpochWindow.start(containing: time, length: configuration.epochLength))))
            let epoch = try epochStore.currentEpoch(camera: camera, at: time, officers: try epochRecipients(), configuration: configuration)
            if !existed {
                try audit.append(actor: "veil-recorder", action: "epoch.create", subject: "camera \(camera) epoch \(epoch.epoch)",
                                 reason: "new epoch key \(epoch.publicKey.fingerprint), expires \(Timestamps.format(epoch.expiresAt))")
            }
            return epoch
        }
    }

    /// The officers a new epoch key is wrapped to (see `currentEpoch`).
    public func epochRecipients() throws -> [Officer] {
        let active = try officerStore.active()
        guard !configuration.officers.isEmpty else { return active }
        let named = active.filter { configuration.officers.contains($0.name) }
        guard !named.isEmpty else {
            throw VaultError(.noOfficers, "none of the officers the configuration names (\(configuration.officers.joined(separator: ", "))) "
                             + "is an active registered officer in \(layout.officers), so a new epoch key could never be opened. "
                             + "Register them with 'veil officer add NAME', or correct `officers:`.")
        }
        return named
    }

    /// Public data of an existing epoch (expiry, key), or a precise error if it is shredded or missing.
    public func epoch(camera: String, epoch: EpochID) throws -> EpochPublicKey {
        try epochStore.load(camera: camera, epoch: epoch).validated(path: layout.epochKey(camera: camera, epoch: epoch), layout: layout)
    }

    /// Unwraps an epoch private key for an officer, within retention only. Audited before
    /// the key is returned; if the audit entry cannot be written, the key is not returned.
    public func openEpochKey(camera: String, epoch: EpochID, officer: borrowing UnlockedOfficerKey, reason: String) throws -> EpochPrivateKey {
        let key = try unwrapEpochKey(camera: camera, epoch: epoch, officer: officer)
        try audit.append(actor: officer.name, action: "epoch.open", subject: "camera \(camera) epoch \(epoch)", reason: reason)
        return key
    }

    /// Opens one sealed segment for an officer (header → epoch key → file key). Audited
    /// before the reader is returned.
    public func openSegment(at path: String, officer: borrowing UnlockedOfficerKey, reason: String) throws -> SealedSegmentReader {
        let header = try SealedSegmentHeader.read(from: path)
        let key = try unwrapEpochKey(camera: header.camera, epoch: header.epoch, officer: officer)
        let reader = try SealedSegmentReader(path: path, epochKey: key)
        key.destroy()
        try audit.append(actor: officer.name, action: "segment.open", subject: "\(path) (camera \(header.camera) epoch \(header.epoch))", reason: reason)
        return reader
    }

    func unwrapEpochKey(camera: String, epoch: EpochID, officer: borrowing UnlockedOfficerKey) throws -> EpochPrivateKey {
        let record = try epochStore.load(camera: camera, epoch: epoch)
        let now = clock.now()
        guard Canonical.date(record.expiresAt) > now else {
            throw VaultError(.epochExpired, "camera '\(camera)' epoch \(epoch) expired at \(Timestamps.format(Canonical.date(record.expiresAt))) and is awaiting shredding; its raw footage can no longer be opened.")
        }
        return try epochStore.openPrivateKey(record, officer: officer)
    }
}

extension Vault {
    /// Every epoch whose key still exists (not yet shredded), soonest expiry first: what
    /// `veil status` reports as the next shred times.
    public func liveEpochs() throws -> [EpochPublicKey] {
        try epochStore.recordPaths().map { path in
            try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record").validated(path: path, layout: layout)
        }.sorted { $0.expiresAt < $1.expiresAt }
    }
}
