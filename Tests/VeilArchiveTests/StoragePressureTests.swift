import Foundation
import Testing
import VeilArchive

/// Decision table for storage pressure. Archive used by every case: raw epochs
/// E1 (lobby, 08:00, 300 B), E2 (garage, 08:30, 200 B), E3 (lobby, 09:00, 100 B, being sealed);
/// redacted segments R1 (08:00, 50 B), R2 (08:10, 50 B), R3 (08:20, 50 B, being written).
/// Totals: raw 600 B, redacted 150 B.
@Suite struct StoragePressureTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let limits: StorageLimits
        let free: Int64
        let shred: [String]
        let delete: [Int64]
        let shortfall: Int64
    }

    static let cases: [Case] = [
        Case(description: "no limits", limits: StorageLimits(), free: 0, shred: [], delete: [], shortfall: 0),
        Case(description: "exactly at the maximum", limits: .init(maximumBytes: 750), free: 10_000, shred: [], delete: [], shortfall: 0),
        Case(description: "1 B over: oldest epoch only", limits: .init(maximumBytes: 749), free: 10_000, shred: ["E1"], delete: [], shortfall: 0),
        Case(description: "over by more than one epoch", limits: .init(maximumBytes: 400), free: 10_000, shred: ["E1", "E2"], delete: [], shortfall: 0),
        Case(description: "raw exhausted, then oldest redacted", limits: .init(maximumBytes: 200), free: 10_000,
             shred: ["E1", "E2"], delete: [1], shortfall: 0),
        Case(description: "never the sealing epoch or the segment being written", limits: .init(maximumBytes: 0), free: 10_000,
             shred: ["E1", "E2"], delete: [1, 2], shortfall: 150),
        Case(description: "free-space floor", limits: .init(minimumFreeBytes: 1_000), free: 900, shred: ["E1"], delete: [], shortfall: 0),
        Case(description: "the tighter limit wins", limits: .init(maximumBytes: 700, minimumFreeBytes: 1_000), free: 600,
             shred: ["E1", "E2"], delete: [], shortfall: 0),
        Case(description: "free-space floor beyond everything", limits: .init(minimumFreeBytes: 10_000), free: 0,
             shred: ["E1", "E2"], delete: [1, 2], shortfall: 9_400),
    ]

    static let epochs = [
        EpochUsage(camera: "lobby", epoch: "E3", bytes: 100, segmentCount: 1, oldestStart: at(60), newestEnd: at(70)),
        EpochUsage(camera: "garage", epoch: "E2", bytes: 200, segmentCount: 2, oldestStart: at(30), newestEnd: at(60)),
        EpochUsage(camera: "lobby", epoch: "E1", bytes: 300, segmentCount: 3, oldestStart: at(0), newestEnd: at(60)),
        EpochUsage(camera: "lobby", epoch: "E0", bytes: 0, segmentCount: 0, oldestStart: at(-60), newestEnd: at(-50)),
    ]

    static let redacted = [3, 1, 2].map { RedactedUsage(id: SegmentID(rawValue: Int64($0)), camera: "lobby", start: at(Double($0) * 10), bytes: 50) }

    static func at(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_795_939_200 + minutes * 60) }

    @Test(arguments: cases)
    func decides(_ example: Case) {
        let input = StoragePressureInput(limits: example.limits,
                                         usage: StorageUsage(rawBytes: 600, redactedBytes: 150, freeBytes: example.free),
                                         rawEpochs: Self.epochs, redacted: Self.redacted,
                                         protectedEpochs: [EpochReference(camera: "lobby", epoch: "E3")],
                                         protectedSegments: [SegmentID(rawValue: 3)])
        let decision = StoragePressure.decide(input)
        #expect(decision.epochsToShred.map(\.epoch) == example.shred)
        #expect(decision.redactedToDelete.map(\.rawValue) == example.delete)
        #expect(decision.shortfall == example.shortfall)
        #expect(decision.isWithinLimits == (example.shred.isEmpty && example.delete.isEmpty))
    }

    @Test func storeBuildsTheInputFromItsCatalog() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
        try store.catalog.insert(ArchiveFixtures.raw("lobby", start: 0, epoch: "E1", bytes: 300))
        try store.catalog.insert(ArchiveFixtures.redacted("lobby", start: 0, bytes: 100))
        let input = try store.storagePressureInput(limits: StorageLimits(maximumBytes: 150))
        #expect(input.usage.rawBytes == 300 && input.usage.redactedBytes == 100 && input.usage.freeBytes > 0)
        #expect(input.rawEpochs.map(\.epoch) == ["E1"] && input.redacted.count == 1)
        #expect(StoragePressure.decide(input).epochsToShred == [EpochReference(camera: "lobby", epoch: "E1")])
    }

    /// A disk smaller than one epoch of footage: the epoch being sealed into cannot be shredded,
    /// so its finished segments go one by one, oldest first, before any redacted segment.
    @Test func finishedSegmentsOfTheSealingEpochGoBeforeRedacted() {
        let sealing = [12, 11, 10].map {
            RawSegmentUsage(id: SegmentID(rawValue: Int64($0)), camera: "lobby", epoch: "E3", start: Self.at(Double($0) * 5), bytes: 40)
        }
        let input = StoragePressureInput(limits: StorageLimits(minimumFreeBytes: 1_000),
                                         usage: StorageUsage(rawBytes: 120, redactedBytes: 150, freeBytes: 920),
                                         rawEpochs: [], redacted: Self.redacted,
                                         protectedEpochs: [EpochReference(camera: "lobby", epoch: "E3")],
                                         rawSegmentsOfProtectedEpochs: sealing)
        let over = StoragePressure.decide(input)
        #expect(over.epochsToShred.isEmpty && over.rawSegmentsToDelete.map(\.rawValue) == [10, 11] && over.redactedToDelete.isEmpty)

        var short = input
        short.usage.freeBytes = 850
        let decision = StoragePressure.decide(short)
        #expect(decision.rawSegmentsToDelete.map(\.rawValue) == [10, 11, 12] && decision.redactedToDelete.map(\.rawValue) == [1])
    }
}
