import Foundation
import VeilCore

extension Vault {
    /// Shreds one epoch before it expires, because storage is short: raw footage is given up
    /// oldest-first before any redacted footage is deleted early. Tombstoned and audited with
    /// `reason` exactly like an expiry; refuses an epoch under a legal hold.
    public func shredEarly(camera: String, epoch: EpochID, reason: String) throws -> SweepReport.Shred {
        try VaultLock.withLock(layout) {
            for path in try epochStore.recordPaths() {
                let record = try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record")
                guard record.camera == camera, record.epochID == epoch else { continue }
                _ = try record.validated(path: path, layout: layout)
                let now = clock.now()
                if record.holds.contains(where: { Canonical.date($0.until) > now }) {
                    throw VaultError(.holdRejected, "camera '\(camera)' epoch \(epoch) is under a legal hold; it is not shredded for storage pressure.")
                }
                var report = SweepReport()
                return try shred(record, now: now, cutoff: now, report: &report, earlyBecause: reason)
            }
            throw VaultError(.keyRecordMissing, "camera '\(camera)' has no epoch key \(epoch) to shred.")
        }
    }
}
