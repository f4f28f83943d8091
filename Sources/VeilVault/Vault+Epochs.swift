import Foundation

extension Vault {
    /// The epoch of `camera` containing `time`, created if it does not exist yet (its
    /// private key wrapped to every active officer, not removed ones, and zeroised at once).
    /// Returns only public data: the caller can seal to it, never open. Refuses when no
    /// active officer is registered.
    public func currentEpoch(camera: String, at time: Date) throws -> EpochPublicKey {
        try VaultLock.withLock(layout) {
            let existed = DurableFiles.exists(layout.epochKey(camera: camera, epoch: EpochID(start: EpochWindow.start(containing: time, length: configuration.epochLength))))
            let epoch = try epochStore.currentEpoch(camera: camera, at: time, officers: try officerStore.active(), configuration: configuration)
            if !existed {
                try audit.append(actor: "veil-recorder", action: "epoch.create", subject: "camera \(camera) epoch \(epoch.epoch)",
                                 reason: "new epoch key \(epoch.publicKey.fingerprint), expires \(Timestamps.format(epoch.expiresAt))")
            }
            return epoch
        }
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
