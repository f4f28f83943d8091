import Foundation
import Testing
@testable import VeilVault

@Suite struct StartupAndSweeperTests {
    @Test func epochIDsNameTheUTCStartAndRoundTrip() {
        let id = EpochID(start: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(id.rawValue == "20270115T080000Z")
        #expect(EpochID(rawValue: "20270115T080000Z")?.start == Date(timeIntervalSince1970: 1_800_000_000))
        for bad in ["20270115T080000", "20271315T080000Z", "20270231T080000Z", "2027-01-15T08:00Z", "../../etc/passwd"] {
            #expect(EpochID(rawValue: bad) == nil, "\(bad)")
        }
        #expect(EpochWindow.start(containing: Date(timeIntervalSince1970: 1_800_003_599), length: 3600) == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func aCorruptRecordDoesNotDelayOtherShredsButStopsStartUp() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let expired = try fixture.record([1], camera: "cam1", vault: vault)
        fixture.clock.advance(3 * 3600)
        let other = try vault.currentEpoch(camera: "cam2", at: fixture.clock.now())
        let otherPath = fixture.layout.epochKey(camera: "cam2", epoch: other.epoch)
        try writeFile(otherPath, Array("garbage".utf8))
        fixture.clock.set(RetentionTests.expiry + 60)
        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordCorrupt)
        #expect(error?.description.contains(otherPath) == true)
        #expect(!FileManager.default.fileExists(atPath: expired), "the expired epoch was shredded before refusing")
    }

    @Test func aShredInterruptedAfterItsTombstoneIsCompletedByTheNextSweep() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([1, 2, 3], vault: vault)
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        let record = try RecordFile.read(EpochKeyRecord.self, at: fixture.layout.epochKey(camera: "cam1", epoch: epoch), what: "t")
        // As if the process died right after step 1 of a shred.
        try vault.epochStore.writeTombstone(Tombstone(format: Tombstone.formatName, camera: "cam1", epoch: epoch.rawValue,
                                                      startsAt: record.startsAt, endsAt: record.endsAt, expiresAt: record.expiresAt,
                                                      shreddedAt: record.expiresAt, rawSegmentsDeleted: nil))
        fixture.clock.set(RetentionTests.expiry)
        let restarted = try fixture.open()
        // The key beside its tombstone is destroyed as the vault opens; the sweep then deletes the raw.
        #expect(restarted.startupSweep.completedDeletions.map(\.epoch) == [epoch])
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.epochKey(camera: "cam1", epoch: epoch)))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A kill in the middle of the overwrite leaves noise where the key record was: the vault
    /// still opens (that record is one being shredded: its tombstone exists) and finishes the job.
    @Test func aKeyHalfOverwrittenByAnInterruptedShredDoesNotStopStartUp() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([1, 2, 3], vault: vault)
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        let keyPath = fixture.layout.epochKey(camera: "cam1", epoch: epoch)
        let record = try RecordFile.read(EpochKeyRecord.self, at: keyPath, what: "t")
        try vault.epochStore.writeTombstone(Tombstone(format: Tombstone.formatName, camera: "cam1", epoch: epoch.rawValue,
                                                      startsAt: record.startsAt, endsAt: record.endsAt, expiresAt: record.expiresAt,
                                                      shreddedAt: record.expiresAt, rawSegmentsDeleted: nil))
        try Data(repeating: 0xa5, count: 300).write(to: URL(fileURLWithPath: keyPath))
        fixture.clock.set(RetentionTests.expiry)
        let restarted = try fixture.open()
        #expect(!FileManager.default.fileExists(atPath: keyPath))
        #expect(!FileManager.default.fileExists(atPath: path), "the raw footage went with it")
        #expect(try restarted.audit.entries().contains { $0.action == "epoch.shred" && $0.reason.contains("interrupted by a crash") })
    }

    @Test func thePeriodicSweeperShredsWhenTheClockPassesExpiry() async throws {
        let fixture = try VaultFixture()
        var configuration = fixture.configuration
        configuration.sweepInterval = 0.02
        let vault = try Vault.open(configuration: configuration, clock: fixture.clock)
        let path = try fixture.record([5], vault: vault)
        let reports = Reports()
        let sweeper = Task { await vault.runSweeper { reports.add($0) } }
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(FileManager.default.fileExists(atPath: path))
        fixture.clock.set(RetentionTests.expiry)
        for _ in 0..<200 where FileManager.default.fileExists(atPath: path) { try await Task.sleep(nanoseconds: 10_000_000) }
        sweeper.cancel()
        await sweeper.value
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(reports.shreddedCount == 1)
    }

    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var shredded = 0
        func add(_ result: Result<SweepReport, any Error>) { lock.withLock { shredded += (try? result.get().shredded.count) ?? 0 } }
        var shreddedCount: Int { lock.withLock { shredded } }
    }
}
