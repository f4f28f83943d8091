import Foundation
import Logging
import VeilArchive
import VeilCore
import VeilMetrics
import VeilPipeline
import VeilVault

/// The periodic housekeeping of a running recorder: the retention sweeper (shreds expired
/// epochs and their raw segments), the plain deletion of redacted segments past their own
/// retention, and storage pressure — raw shredded oldest-first before any redacted segment
/// is deleted early, and a loud report when even that is not enough. Runs on its own
/// thread, every `interval` seconds, until stopped.
final class Maintenance: @unchecked Sendable {
    private let vault: Vault
    private let store: SegmentStore
    private let redactedRetention: TimeInterval
    /// How long occupancy intervals are kept; nil keeps them (no recorder counts).
    private let occupancyRetention: TimeInterval?
    private let interval: TimeInterval
    private let logger: Logger
    private let metrics: RecorderMetrics
    let storage: StorageGuard
    private let clock: any WallClock
    private let wake = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(vault: Vault, store: SegmentStore, redactedRetention: TimeInterval, interval: TimeInterval, storage: StorageGuard,
         clock: any WallClock, metrics: RecorderMetrics, logger: Logger, occupancyRetention: TimeInterval? = nil) {
        self.occupancyRetention = occupancyRetention
        self.clock = clock
        self.metrics = metrics
        self.storage = storage
        self.vault = vault
        self.store = store
        self.redactedRetention = redactedRetention
        self.interval = interval
        self.logger = logger
    }

    convenience init(vault: Vault, store: SegmentStore, redactedRetention: TimeInterval, interval: TimeInterval, limits: StorageLimits,
                     cameras: [String], clock: any WallClock, metrics: RecorderMetrics, logger: Logger,
                     occupancyRetention: TimeInterval? = nil) {
        self.init(vault: vault, store: store, redactedRetention: redactedRetention, interval: interval,
                  storage: StorageGuard(vault: vault, store: store, limits: limits, cameras: cameras, clock: clock,
                                        metrics: metrics, logger: logger),
                  clock: clock, metrics: metrics, logger: logger, occupancyRetention: occupancyRetention)
    }

    func start() {
        let thread = Thread { [self] in
            while !(lock.withLock { stopped }) {
                runOnce()
                _ = wake.wait(timeout: .now() + interval)
            }
            finished.signal()
        }
        thread.name = "veil-maintenance"
        self.thread = thread
        thread.start()
    }

    /// Runs the housekeeping now instead of at the end of the interval (the wall clock jumped forward:
    /// what expired by the new time is shredded without waiting).
    func runSoon() { wake.signal() }

    func stop() {
        guard thread != nil else { return }
        lock.withLock { stopped = true }
        wake.signal()
        finished.wait()
        thread = nil
    }

    func runOnce() {
        do {
            let report = try vault.sweep()
            metrics.epochsShredded.increment(by: report.shredded.count)
            for shred in report.shredded {
                logger.notice("epoch shredded", metadata: ["camera": "\(shred.camera)", "epoch": "\(shred.epoch)"])
            }
            let retention = try store.applyRedactedRetention(cutoff: clock.now().addingTimeInterval(-redactedRetention))
            if retention.segmentsDeleted > 0 {
                logger.notice("redacted segments past retention deleted", metadata: ["count": "\(retention.segmentsDeleted)"])
            }
            if let occupancyRetention {
                let forgotten = try store.catalog.forgetOccupancy(endingBy: clock.now().addingTimeInterval(-occupancyRetention))
                if forgotten > 0 { logger.notice("occupancy intervals past retention deleted", metadata: ["count": "\(forgotten)"]) }
            }
        } catch {
            logger.error("retention sweep failed; will retry", metadata: ["error": "\(error)"])
        }
        do {
            try relieveStoragePressure()
        } catch {
            logger.error("storage pressure check failed; will retry", metadata: ["error": "\(error)"])
        }
    }

    /// Frees space when the archive is over its limits (the same relief the cameras' ingest
    /// threads run before each segment: `StorageGuard`).
    func relieveStoragePressure() throws {
        try storage.relieveOrThrow(always: true)
    }
}
