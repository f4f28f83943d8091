import Foundation
import Testing
@testable import VeilVault
import VeilCore
import VeilTestSupport

@Suite struct RetentionTests {
    static let expiry = VaultFixture.start - 1200 + 3600 + 86_400

    @Test func anEpochOpensBeforeExpiryAndIsShreddedAfter() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let input = try SecureRandom.bytes(count: 70_000)
        let path = try fixture.record(input, vault: vault)
        let backup = fixture.dir.file("backup.veilraw")
        try FileManager.default.copyItem(atPath: path, toPath: backup)
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        #expect(try vault.epoch(camera: "cam1", epoch: epoch).expiresAt == Self.expiry)

        fixture.clock.set(Self.expiry - 1)
        #expect(try vault.sweep().shredded.isEmpty)
        #expect(try fixture.openSegment(path, vault: vault) == input)

        fixture.clock.set(Self.expiry)
        let report = try vault.sweep()
        #expect(report.shredded.map(\.epoch) == [epoch])
        #expect(report.shredded.first?.rawSegmentsDeleted == 1)
        #expect(report.failures.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.epochKey(camera: "cam1", epoch: epoch)))

        // A backup copy of the segment is now useless, and the answer is precise.
        let error = vaultError { _ = try fixture.openSegment(backup, vault: vault) }
        #expect(error == .epochShredded)
        #expect(error?.description.contains("epoch \(epoch)") == true)
        #expect(error?.description.contains("shredded at") == true)
        #expect(try vault.audit.entries().map(\.action).suffix(2) == ["epoch.shred", "raw.delete"])
    }

    @Test func anExpiredEpochIsUnopenableEvenBeforeTheSweep() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([1, 2, 3], vault: vault)
        fixture.clock.set(Self.expiry + 5)
        #expect(vaultError { _ = try fixture.openSegment(path, vault: vault) } == .epochExpired)
    }

    @Test func aProcessDownAcrossExpiryShredsAtStartBeforeAnythingElse() throws {
        let fixture = try VaultFixture()
        let path = try fixture.record([1, 2, 3], vault: try fixture.open())
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        fixture.clock.set(Self.expiry + 3 * 86_400)
        let restarted = try fixture.open()
        #expect(restarted.startupSweep.shredded.map(\.epoch) == [epoch])
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.epochKey(camera: "cam1", epoch: epoch)))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func sweepAsOfMayShredEarlierButNeverLater() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        _ = try fixture.record([1], vault: vault)
        #expect(vaultError { _ = try vault.sweep(asOf: fixture.clock.now() - 1) } == .asOfInPast)
        #expect(try vault.sweep(asOf: Self.expiry - 60).shredded.isEmpty)
        #expect(try vault.sweep(asOf: Self.expiry).shredded.count == 1)
    }

    @Test func aHoldKeepsAnEpochUntilItEndsAndNoLonger() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let input: [UInt8] = Array(repeating: 42, count: 1000)
        let path = try fixture.record(input, vault: vault)
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        let holdEnd = Self.expiry + 2 * 86_400
        let alice = try vault.unlockOfficer(name: "alice", passphrase: Passphrase(VaultFixture.alicePassphrase))
        #expect(try vault.placeHold(camera: "cam1", epoch: epoch, until: holdEnd, officer: alice, reason: "case 17").expiresAt == holdEnd)

        fixture.clock.set(Self.expiry + 86_400)
        #expect(try vault.sweep().shredded.isEmpty)
        #expect(try fixture.openSegment(path, vault: vault) == input)

        fixture.clock.set(holdEnd)
        #expect(try vault.sweep().shredded.map(\.epoch) == [epoch])
        #expect(vaultError { _ = try vault.epoch(camera: "cam1", epoch: epoch) } == .epochShredded)
        #expect(try vault.audit.entries().contains { $0.action == "epoch.hold" && $0.actor == "alice" && $0.reason.contains("case 17") })
    }

    @Test func holdsAreBoundedAndMustExtend() throws {
        let fixture = try VaultFixture(maximumHold: 7 * 86_400)
        let vault = try fixture.open()
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now()).epoch
        let bob = try vault.unlockOfficer(name: "bob", passphrase: Passphrase(VaultFixture.bobPassphrase))
        let now = fixture.clock.now()
        #expect(vaultError { try vault.placeHold(camera: "cam1", epoch: epoch, until: now + 8 * 86_400, officer: bob, reason: "r") } == .holdRejected)
        #expect(vaultError { try vault.placeHold(camera: "cam1", epoch: epoch, until: Self.expiry, officer: bob, reason: "r") } == .holdRejected)
        #expect(vaultError { try vault.placeHold(camera: "cam1", epoch: epoch, until: now + 86_400 * 3, officer: bob, reason: " ") } == .invalidArgument)
        #expect(vaultError { try vault.placeHold(camera: "cam2", epoch: epoch, until: now + 86_400 * 3, officer: bob, reason: "r") } == .keyRecordMissing)
        #expect(throws: Never.self) { try vault.placeHold(camera: "cam1", epoch: epoch, until: now + 7 * 86_400, officer: bob, reason: "r") }
    }

    @Test func failedRawDeletionIsRetriedAtTheNextSweep() throws {
        final class FlakyDeleter: RawSegmentDeleting, @unchecked Sendable {
            let inner: FileSystemRawSegmentDeleter
            var failuresLeft = 1
            init(_ dir: String) { inner = FileSystemRawSegmentDeleter(dataDirectory: dir) }
            func deleteRawSegments(camera: String, epoch: EpochID, period: Range<Date>) throws -> Int {
                if failuresLeft > 0 { failuresLeft -= 1; throw VaultError(.ioFailure, "archive unavailable") }
                return try inner.deleteRawSegments(camera: camera, epoch: epoch, period: period)
            }
        }
        let fixture = try VaultFixture()
        let vault = try Vault.open(configuration: fixture.configuration, clock: fixture.clock, rawSegments: FlakyDeleter(fixture.dir.path))
        let path = try fixture.record([1, 2], vault: vault)
        fixture.clock.set(Self.expiry)
        let first = try vault.sweep()
        #expect(first.shredded.first?.rawSegmentsDeleted == nil)
        #expect(first.failures.count == 1)
        #expect(FileManager.default.fileExists(atPath: path))
        let second = try vault.sweep()
        #expect(second.completedDeletions.first?.rawSegmentsDeleted == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func noNewFootageIsSealedToAShreddedEpoch() throws {
        let fixture = try VaultFixture(maximumHold: 0)
        let vault = try fixture.open()
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now())
        fixture.clock.set(Self.expiry)
        _ = try vault.sweep()
        #expect(vaultError { _ = try vault.currentEpoch(camera: "cam1", at: epoch.startsAt + 10) } == .epochShredded)
    }
}
