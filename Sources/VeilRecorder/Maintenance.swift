import Foundation
import Logging
import VeilArchive
import VeilPipeline
import VeilVault

/// The periodic housekeeping of a running recorder: the retention sweeper (shreds expired
/// epochs and their raw segments) and the plain deletion of redacted segments past their
/// own retention. Runs on its own thread, every `interval` seconds, until stopped.
final class Maintenance: @unchecked Sendable {
    private let vault: Vault
    private let store: SegmentStore
    private let redactedRetention: TimeInterval
    private let interval: TimeInterval
    private let logger: Logger
    private let metrics: RecorderMetrics
    private let wake = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(vault: Vault, store: SegmentStore, redactedRetention: TimeInterval, interval: TimeInterval, metrics: RecorderMetrics, logger: Logger) {
        self.metrics = metrics
        self.vault = vault
        self.store = store
        self.redactedRetention = redactedRetention
        self.interval = interval
        self.logger = logger
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
            let retention = try store.applyRedactedRetention(cutoff: Date().addingTimeInterval(-redactedRetention))
            if retention.segmentsDeleted > 0 {
                logger.notice("redacted segments past retention deleted", metadata: ["count": "\(retention.segmentsDeleted)"])
            }
        } catch {
            logger.error("retention sweep failed; will retry", metadata: ["error": "\(error)"])
        }
    }
}
