public import Foundation
import VeilCore

extension Vault {
    /// Extends one epoch's expiry to `until` (a legal hold). The officer must be able to
    /// open the epoch key; `until` must be later than the current expiry and no more than
    /// `configuration.maximumHold` from now; a removed officer cannot place one. Audited.
    /// Returns the epoch with its new expiry.
    @discardableResult
    public func placeHold(camera: String, epoch: EpochID, until: Date, officer: borrowing UnlockedOfficerKey, reason: String) throws -> EpochPublicKey {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw VaultError(.invalidArgument, "a legal hold needs a reason; state it with --reason.")
        }
        return try VaultLock.withLock(layout) {
            let now = clock.now()
            if let removal = try officerStore.read(officer.name).0.removed {
                throw VaultError(.officerRemoved, "officer '\(officer.name)' was removed at \(Timestamps.format(Canonical.date(removal.at))) and cannot place holds (a hold would extend their own access). Ask an active officer.")
            }
            var record = try epochStore.load(camera: camera, epoch: epoch)
            let expiry = Canonical.date(record.expiresAt)
            guard expiry > now else {
                throw VaultError(.epochExpired, "camera '\(camera)' epoch \(epoch) already expired at \(Timestamps.format(expiry)); a hold cannot revive it.")
            }
            guard until > expiry else {
                throw VaultError(.holdRejected, "a hold until \(Timestamps.format(until)) would not extend camera '\(camera)' epoch \(epoch), which already expires at \(Timestamps.format(expiry)).")
            }
            let latest = now + configuration.maximumHold
            guard until <= latest else {
                throw VaultError(.holdRejected, "a hold until \(Timestamps.format(until)) exceeds the maximum hold of \(Int(configuration.maximumHold / 86_400)) day(s); the latest allowed now is \(Timestamps.format(latest)).")
            }
            try epochStore.openPrivateKey(record, officer: officer).destroy()
            // Logged before it takes effect: no hold without an audit entry.
            try audit.append(actor: officer.name, action: "epoch.hold", subject: "camera \(camera) epoch \(epoch)",
                             reason: "held until \(Timestamps.format(until)) (was \(Timestamps.format(expiry))): \(reason)")
            record.holds.append(.init(officer: officer.name, reason: reason, until: Canonical.milliseconds(until), placedAt: Canonical.milliseconds(now)))
            record.expiresAt = Canonical.milliseconds(until)
            try epochStore.replace(record)
            return try record.validated(path: layout.epochKey(camera: camera, epoch: epoch), layout: layout)
        }
    }
}
