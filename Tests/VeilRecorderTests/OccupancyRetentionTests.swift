import Foundation
import Logging
import Testing
import VeilArchive
import VeilCore
import VeilMetrics
import VeilOccupancy
import VeilPipeline
@testable import VeilRecorder
import VeilVault

/// The recorder's housekeeping deletes occupancy intervals past `occupancy.retention`, with
/// the redacted footage past its own.
@Suite struct OccupancyRetentionTests {
    @Test func intervalsPastRetentionAreSwept() throws {
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let store = try SegmentStore.open(dataDirectory: harness.dataDirectory, hashFile: sha256OfFile)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: harness.dataDirectory))
        let now = Date()
        let hour = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let figures = [400.0, 2.0].map { daysAgo in
            let start = Date(timeIntervalSince1970: hour - daysAgo * 86_400)
            return IntervalFigures(camera: "c", subject: .zone("hall"), measures: .people, start: start,
                                   end: start.addingTimeInterval(300), meanPeople: 5, maxPeople: 7)
        }
        try store.catalog.recordOccupancy(figures, minimumCount: 3)
        Maintenance(vault: vault, store: store, redactedRetention: 30 * 86_400, interval: 60, limits: StorageLimits(),
                    cameras: ["c"], clock: SystemWallClock(), metrics: RecorderMetrics(), logger: Logger(label: "test"),
                    occupancyRetention: 365 * 86_400).runOnce()
        #expect(try store.catalog.occupancy(from: .distantPast, to: .distantFuture).map(\.start) == [figures[1].start])
    }
}
