public import Foundation
import VeilCore

extension Vault {
    /// Destroys every epoch key whose expiry is at or before `asOf` (default: now), then
    /// deletes that epoch's raw segments and leaves a tombstone. `asOf` may be later than
    /// now (shred early), never earlier. Problems with single epochs are collected in the
    /// report, not thrown, so one bad file never keeps other keys alive.
    public func sweep(asOf: Date? = nil) throws -> SweepReport {
        let now = clock.now()
        let cutoff = asOf ?? now
        guard cutoff >= now else {
            throw VaultError(.asOfInPast, "sweep as of \(Timestamps.format(cutoff)) is before now (\(Timestamps.format(now))); a sweep may shred earlier than expiry, never later. Give a time at or after now.")
        }
        return try VaultLock.withLock(layout) {
            var report = SweepReport()
            report.asOf = cutoff
            for path in try epochStore.recordPaths() {
                do {
                    let record = try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record")
                    _ = try record.validated(path: path, layout: layout)
                    if Canonical.date(record.expiresAt) <= cutoff { report.shredded.append(try shred(record, now: now, cutoff: cutoff, report: &report)) }
                } catch {
                    report.failures.append("\(error)")
                }
            }
            for path in try epochStore.tombstonePaths() {
                do {
                    var tombstone = try epochStore.readTombstone(at: path)
                    guard tombstone.rawSegmentsDeleted == nil,
                          !report.shredded.contains(where: { $0.camera == tombstone.camera && $0.epoch.rawValue == tombstone.epoch })
                    else { continue }
                    tombstone.rawSegmentsDeleted = try deleteRaw(of: tombstone)
                    try epochStore.writeTombstone(tombstone)
                    report.completedDeletions.append(.init(camera: tombstone.camera, epoch: EpochID(rawValue: tombstone.epoch)!,
                                                           expiresAt: Canonical.date(tombstone.expiresAt), rawSegmentsDeleted: tombstone.rawSegmentsDeleted))
                } catch {
                    report.failures.append("retrying raw deletion for \(path): \(error)")
                }
            }
            return report
        }
    }

    /// Tombstone first (so a crash mid-way is finished by the next sweep), then destroy the
    /// key, audit, then delete the raw files (retried later if that fails).
    func shred(_ record: EpochKeyRecord, now: Date, cutoff: Date, report: inout SweepReport,
               earlyBecause: String? = nil) throws -> SweepReport.Shred {
        let epoch = record.epochID
        var tombstone = Tombstone(format: Tombstone.formatName, camera: record.camera, epoch: record.epoch, startsAt: record.startsAt,
                                  endsAt: record.endsAt, expiresAt: record.expiresAt, shreddedAt: Canonical.milliseconds(now), rawSegmentsDeleted: nil)
        try epochStore.writeTombstone(tombstone)
        try epochStore.destroyKey(camera: record.camera, epoch: epoch)
        let expiry = Timestamps.format(Canonical.date(record.expiresAt))
        do {
            try audit.append(actor: "veil-sweeper", action: "epoch.shred", subject: "camera \(record.camera) epoch \(epoch)",
                             reason: earlyBecause.map { "expires \(expiry); shredded early: \($0)" }
                                ?? (cutoff > now ? "expires \(expiry); shredded early, sweep as of \(Timestamps.format(cutoff))" : "retention expired at \(expiry)"))
        } catch {
            report.failures.append("camera '\(record.camera)' epoch \(epoch) was shredded but the audit entry failed: \(error)")
        }
        do {
            tombstone.rawSegmentsDeleted = try deleteRaw(of: tombstone)
            try epochStore.writeTombstone(tombstone)
        } catch {
            report.failures.append("camera '\(record.camera)' epoch \(epoch) was shredded, but deleting its raw segments failed (retried at the next sweep): \(error)")
        }
        return .init(camera: record.camera, epoch: epoch, expiresAt: Canonical.date(record.expiresAt), rawSegmentsDeleted: tombstone.rawSegmentsDeleted)
    }

    private func deleteRaw(of tombstone: Tombstone) throws -> Int {
        let count = try rawSegments.deleteRawSegments(camera: tombstone.camera, epoch: EpochID(rawValue: tombstone.epoch)!,
                                                      period: Canonical.date(tombstone.startsAt)..<Canonical.date(tombstone.endsAt))
        try audit.append(actor: "veil-sweeper", action: "raw.delete", subject: "camera \(tombstone.camera) epoch \(tombstone.epoch)",
                         reason: "\(count) raw segment file(s) deleted after shredding")
        return count
    }

    /// Sweeps every `configuration.sweepInterval` seconds until the task is cancelled,
    /// passing each outcome to `report`. (`Vault.open` already swept once at start-up.)
    public func runSweeper(report: @Sendable (Result<SweepReport, any Error>) -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(nanoseconds: UInt64(configuration.sweepInterval * 1_000_000_000)) } catch { return }
            report(Result { try sweep() })
        }
    }
}
