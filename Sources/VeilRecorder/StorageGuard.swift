import Foundation
import Logging
import VeilArchive
import VeilCore
import VeilMetrics
import VeilPipeline
import VeilVault

/// Keeps the archive within its storage limits while cameras write: checked before every
/// segment is opened and, while footage arrives, at most every `interval` (statvfs only, unless
/// over the limits), not just by the minute-long housekeeping round, so the free-space floor
/// holds on a small disk. Removes console exports first (copies, see `ExportCopies`), then
/// frees raw footage oldest-first before any redacted segment (the `StoragePressure` table),
/// and aims above the floor by `headroom`: the most free space seen to go between two checks,
/// so the floor still holds when the next check comes.
///
/// Holds a `SpaceReserve` while there is room, and releases it when the disk is found full
/// (or a catalog write fails for lack of space), so the deletions can be recorded. Thread-safe:
/// ingest threads and the housekeeping thread share one guard; relief runs under its lock.
final class StorageGuard: @unchecked Sendable {
    static let interval: Duration = .milliseconds(500)

    private let vault: Vault
    private let store: SegmentStore
    private let limits: StorageLimits
    private let cameras: [String]
    /// The recorder's wall time, for the epoch each camera is writing.
    private let clock: any WallClock
    private let metrics: RecorderMetrics
    private let logger: Logger
    let reserve: SpaceReserve
    private let lock = NSLock()
    private let clockLock = NSLock()
    private var lastCheck: ContinuousClock.Instant?
    private var lastFree: Int64?
    private var headroom: Int64 = 0
    /// When a shortfall was last logged: once as it starts, then every minute while it lasts.
    private var shortfallReported: ContinuousClock.Instant?

    init(vault: Vault, store: SegmentStore, limits: StorageLimits, cameras: [String], clock: any WallClock,
         metrics: RecorderMetrics, logger: Logger) {
        self.clock = clock
        self.vault = vault
        self.store = store
        self.limits = limits
        self.cameras = cameras
        self.metrics = metrics
        self.logger = logger
        let floor = limits.minimumFreeBytes ?? SpaceReserve.defaultBytes * 2
        reserve = SpaceReserve(dataDirectory: store.dataDirectory, bytes: min(SpaceReserve.defaultBytes, max(floor / 2, 4096)))
    }

    /// While footage arrives (any ingest thread, per packet): relieves pressure at most every `interval`.
    func whileWriting() {
        let now = ContinuousClock.now
        let due = clockLock.withLock {
            guard lastCheck.map({ now - $0 >= Self.interval }) ?? true else { return false }
            lastCheck = now
            return true
        }
        if due { relieve() }
    }

    /// Before a segment file is opened: always checks.
    func beforeSegment() { relieve() }

    /// After a write failed for lack of space: gives the reserve back and frees footage at once
    /// (unless a relief is already running, maybe the very one whose write failed: then the
    /// released reserve is what lets its retry through).
    func diskFull() {
        if reserve.release() {
            logger.critical("the data directory's file system is full; released the space reserve so the catalog can record what is freed",
                            metadata: ["reserve": "\(reserve.path)"])
        }
        guard lock.try() else { return }
        defer { lock.unlock() }
        do { try relieveLocked() } catch {
            logger.error("storage pressure check failed; will retry", metadata: ["error": "\(error)"])
        }
    }

    /// Frees space when the archive is over its limits (logging, never throwing: a failed
    /// round is reported and the next check tries again).
    func relieve() {
        do {
            try relieveOrThrow()
        } catch {
            logger.error("storage pressure check failed; will retry", metadata: ["error": "\(error)"])
        }
    }

    /// `always`: look at the catalog even when free space is plentiful (the housekeeping round,
    /// which also keeps the storage metrics current).
    func relieveOrThrow(always: Bool = false) throws {
        try lock.withLock { try relieveLocked(always: always) }
    }

    private func relieveLocked(always: Bool = false) throws {
        var free = try store.freeBytes()
        if let lastFree, free < lastFree, let floor = limits.minimumFreeBytes {
            headroom = min(max(headroom, lastFree - free), floor)
        }
        if free < reserve.bytes, reserve.release() {
            logger.critical("the data directory's file system is almost full; released the space reserve",
                            metadata: ["free_bytes": "\(free)"])
            free = try store.freeBytes()
        }
        var target = limits
        target.minimumFreeBytes = limits.minimumFreeBytes.map { $0 + headroom }
        if let floor = target.minimumFreeBytes, free < floor { free = try removeExportCopies(toFree: floor - free) ?? free }
        if always || limits.maximumBytes != nil || free < (target.minimumFreeBytes ?? 0) {
            try relieve(target)
            free = try store.freeBytes()
        } else {
            metrics.storageFreeBytes.set(Int(free))  // the common case: one statvfs, no catalog or vault work
        }
        if free >= (limits.minimumFreeBytes ?? 0) + headroom + reserve.bytes * 2, !reserve.isHeld { reserve.hold() }
        lastFree = free
    }

    /// Console exports are copies of footage the archive keeps: they go before any footage
    /// does. Returns the free space after, nil if none was removed.
    private func removeExportCopies(toFree bytes: Int64) throws -> Int64? {
        let removed = ExportCopies(dataDirectory: store.dataDirectory).removeOldest(toFree: bytes)
        guard removed.count > 0 else { return nil }
        logger.warning("console exports removed early for storage (staff can export them again)", metadata: [
            "count": "\(removed.count)", "bytes": "\(removed.bytes)"])
        return try store.freeBytes()
    }

    private func relieve(_ limits: StorageLimits) throws {
        let now = clock.now()
        let writing = Set(try cameras.map { EpochReference(camera: $0, epoch: try vault.currentEpoch(camera: $0, at: now).epoch.rawValue) })
        let input = try store.storagePressureInput(limits: limits, protectedEpochs: writing)
        metrics.storageBytes(.raw).set(Int(input.usage.rawBytes))
        metrics.storageBytes(.redacted).set(Int(input.usage.redactedBytes))
        metrics.storageFreeBytes.set(Int(input.usage.freeBytes))
        let decision = StoragePressure.decide(input)
        metrics.storageShortfallBytes.set(Int(decision.shortfall))
        guard !decision.isWithinLimits else { return }
        let reason = "storage over its limits by \(decision.bytesToFree) bytes"
        for epoch in decision.epochsToShred {
            guard let id = EpochID(rawValue: epoch.epoch) else { continue }
            _ = try vault.shredEarly(camera: epoch.camera, epoch: id, reason: reason)
            metrics.epochsShredded.increment()
            logger.warning("raw footage shredded early for storage", metadata: ["camera": "\(epoch.camera)", "epoch": "\(epoch.epoch)"])
        }
        if !decision.rawSegmentsToDelete.isEmpty {
            let (rows, freed) = try store.deleteRawEarly(decision.rawSegmentsToDelete)
            for camera in Set(rows.map(\.camera)).sorted() {
                let mine = rows.filter { $0.camera == camera }
                _ = try? vault.audit.append(actor: "veil-recorder", action: "raw.delete", subject: "camera \(camera): \(mine.map(\.path).joined(separator: " "))",
                                            reason: "\(mine.count) raw segment(s) of the current epoch deleted early: \(reason)")
            }
            logger.warning("raw segments of the current epoch deleted early for storage", metadata: [
                "count": "\(rows.count)", "bytes": "\(freed)"])
        }
        if !decision.redactedToDelete.isEmpty {
            let freed = try store.deleteRedacted(decision.redactedToDelete)
            logger.warning("redacted segments deleted early for storage", metadata: [
                "count": "\(decision.redactedToDelete.count)", "bytes": "\(freed)"])
        }
        if decision.shortfall == 0 {
            shortfallReported = nil
        } else if shortfallReported.map({ ContinuousClock.now - $0 >= .seconds(60) }) ?? true {
            shortfallReported = ContinuousClock.now
            logger.critical("storage is still over its limits after freeing all it may; recording continues and keeps the newest footage: add space or lower the retention", metadata: ["bytes_over": "\(decision.shortfall)"])
        }
    }
}
