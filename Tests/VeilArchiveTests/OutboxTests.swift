import Foundation
import Testing
@testable import VeilArchive
import VeilCore

/// Cluster mode's outbox: what a camera catalogues while this node holds its lease is owed to
/// the cluster under that generation, recorded in the same transaction as the row itself.
@Suite struct OutboxTests {
    let directory: String
    let catalog: Catalog

    init() throws {
        directory = try ArchiveFixtures.temporaryDirectory()
        catalog = try Catalog(dataDirectory: directory)
    }

    @Test func rowsOfAHeldCameraAreOwedUnderItsGeneration() throws {
        try catalog.insert(ArchiveFixtures.raw("lobby", start: 0))
        #expect(try catalog.unsentOutbox().isEmpty, "without a lease (one machine) nothing is owed")
        try catalog.holdLease(camera: "lobby", generation: 41)
        let raw = try catalog.insert(ArchiveFixtures.raw("lobby", start: 10))
        try catalog.insert(ArchiveFixtures.raw("garage", start: 10))
        try catalog.recordGap(Gap(camera: "lobby", start: ArchiveFixtures.time(20), end: ArchiveFixtures.time(25), reason: .failover))
        let owed = try catalog.unsentOutbox()
        #expect(owed.map(\.generation) == [41, 41])
        #expect(owed.first?.row == .segment(raw))
        #expect(try catalog.heldLeases() == ["lobby": 41])
        for entry in owed { try catalog.markSent(entry) }
        #expect(try catalog.unsentOutbox().isEmpty && catalog.outboxBacklog() == 0)
        try catalog.dropLease(camera: "lobby")
        try catalog.insert(ArchiveFixtures.raw("lobby", start: 30))
        #expect(try catalog.unsentOutbox().isEmpty, "after the lease is dropped nothing more is owed")
        try catalog.holdLease(camera: "garage", generation: 2)
        try catalog.dropAllLeases()
        #expect(try catalog.heldLeases().isEmpty)
    }

    /// A gap that widens after it was sent (the outage went on) is owed again, with its new end.
    @Test func aWidenedGapIsSentAgain() throws {
        try catalog.holdLease(camera: "lobby", generation: 7)
        let time = ArchiveFixtures.time
        try catalog.recordGap(Gap(camera: "lobby", start: time(0), end: time(5), reason: .disconnected))
        let first = try #require(try catalog.unsentOutbox().first)
        // Widened between the read and the acknowledgement: still owed after the mark.
        try catalog.recordGap(Gap(camera: "lobby", start: time(4), end: time(9), reason: .disconnected))
        try catalog.markSent(first)
        let again = try catalog.unsentOutbox()
        #expect(again.count == 1)
        if case .gap(let gap, _)? = again.first?.row { #expect(gap.end == time(9)) } else { Issue.record("the gap is owed again") }
    }

    /// A segment paired with its raw twin after it was sent is sent again, so the cluster has the pairing.
    @Test func aPairingMadeAfterTheSendIsSentToo() throws {
        try catalog.holdLease(camera: "lobby", generation: 3)
        let redacted = try catalog.insert(ArchiveFixtures.redacted("lobby", start: 0))
        for entry in try catalog.unsentOutbox() { try catalog.markSent(entry) }
        let raw = try catalog.insert(ArchiveFixtures.raw("lobby", start: 0, epoch: "20261129T080000Z"))
        try catalog.pair(redacted: redacted.id, withRaw: raw.id)
        let owed = try catalog.unsentOutbox()
        #expect(Set(owed.map(\.localID)) == [redacted.id.rawValue, raw.id.rawValue])
    }

    /// Retention reaches the cluster: a raw segment shredded after it was sent is owed again
    /// with its new status, and one deleted from the catalog is owed as a deletion.
    @Test func shreddingAndDeletionAreOwedToo() throws {
        try catalog.holdLease(camera: "lobby", generation: 5)
        let raw = try catalog.insert(ArchiveFixtures.raw("lobby", start: 0, epoch: "20261129T080000Z"))
        let redacted = try catalog.insert(ArchiveFixtures.redacted("lobby", start: 0))
        for entry in try catalog.unsentOutbox() { try catalog.markSent(entry) }

        _ = try catalog.markShredded(camera: "lobby", epoch: "20261129T080000Z")
        let shredded = try catalog.unsentOutbox()
        #expect(shredded.count == 1)
        if case .segment(let record)? = shredded.first?.row {
            #expect(record.id == raw.id && record.status == .shredded)
        } else {
            Issue.record("the shredded segment is owed again: \(shredded)")
        }
        for entry in shredded { try catalog.markSent(entry) }

        #expect(try catalog.forget([redacted.id]) == 1)
        let deleted = try catalog.unsentOutbox()
        #expect(deleted.map(\.row) == [.deletedSegment(id: redacted.id.rawValue)] && deleted.first?.generation == 5)
        for entry in deleted { try catalog.markSent(entry) }
        #expect(try catalog.outboxBacklog() == 0)
    }

    /// Occupancy intervals of a held camera, and of building areas while the node is in a
    /// cluster, are owed as stored (coarsened); others are not; a forgotten one is dropped.
    @Test func occupancyIntervalsOfAHeldCameraAreOwed() throws {
        let time = ArchiveFixtures.time
        func zone(_ camera: String?, _ name: String, at offset: Double, mean: Double) -> IntervalFigures {
            IntervalFigures(camera: camera, subject: camera == nil ? .area(name) : .zone(name), measures: .people,
                            start: time(offset), end: time(offset + 60), meanPeople: mean, maxPeople: Int(mean.rounded(.up)))
        }
        try catalog.recordOccupancy([zone("lobby", "desk", at: 0, mean: 4), zone(nil, "floor", at: 0, mean: 4)], minimumCount: 3)
        #expect(try catalog.unsentOccupancy().isEmpty, "without a lease (one machine) nothing is owed")
        try catalog.holdLease(camera: "lobby", generation: 3)
        try catalog.recordOccupancy([zone("lobby", "desk", at: 60, mean: 2), zone("garage", "bay", at: 60, mean: 5),
                                     zone(nil, "floor", at: 60, mean: 7)], minimumCount: 3)
        let owed = try catalog.unsentOccupancy()
        #expect(owed.map { "\($0.camera ?? "-") \($0.name) \($0.meanPeople.map { "\($0)" } ?? "<3")" } == ["lobby desk <3", "- floor 7.0"])
        #expect(try catalog.outboxBacklog() == 2)
        try catalog.markOccupancySent([owed[0]])
        #expect(try catalog.unsentOccupancy().map(\.name) == ["floor"])
        try catalog.forgetOccupancy(endingBy: time(1000))
        #expect(try catalog.unsentOccupancy().isEmpty && catalog.outboxBacklog() == 0, "a forgotten interval is not sent")
    }
}
