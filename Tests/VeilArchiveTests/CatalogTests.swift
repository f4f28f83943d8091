import Foundation
import Testing
@testable import VeilArchive

@Suite struct CatalogTests {
    let directory: String
    let catalog: Catalog

    init() throws {
        directory = try ArchiveFixtures.temporaryDirectory()
        catalog = try Catalog(dataDirectory: directory)
    }

    @Test func rangeQueriesUseHalfOpenOverlap() throws {
        for start in stride(from: 0.0, to: 60, by: 10) { try catalog.insert(ArchiveFixtures.raw("lobby", start: start)) }
        try catalog.insert(ArchiveFixtures.raw("garage", start: 20))
        let t = ArchiveFixtures.time
        // [20, 30) touches the segment ending at 20 and the one starting at 30: neither counts.
        #expect(try catalog.segments(camera: "lobby", overlapping: t(20)..<t(30)).map(\.start) == [t(20)])
        #expect(try catalog.segments(camera: "lobby", overlapping: t(19.5)..<t(30.5)).map(\.start) == [t(10), t(20), t(30)])
        #expect(try catalog.segments(camera: "lobby", overlapping: t(25)..<t(26)).map(\.start) == [t(20)])
        #expect(try catalog.segments(camera: "lobby", overlapping: t(60)..<t(90)).isEmpty)
        #expect(try catalog.segments(camera: "lobby", kind: .redacted, overlapping: t(0)..<t(60)).isEmpty)
        #expect(try catalog.segments(camera: "lobby", overlapping: t(-100)..<t(1000)).count == 6)
    }

    @Test func timesKeepMicroseconds() throws {
        var segment = ArchiveFixtures.raw("lobby", start: 0)
        segment.start = ArchiveFixtures.time(0.000_001)
        segment.end = ArchiveFixtures.time(9.999_999)
        let stored = try catalog.insert(segment)
        #expect(stored.start == segment.start && stored.end == segment.end)
        #expect(try catalog.segments(camera: "lobby", overlapping: ArchiveFixtures.time(9.999_999)..<ArchiveFixtures.time(20)).isEmpty)
    }

    @Test func redactedSegmentsRecordTheirRawTwin() throws {
        let raw = try catalog.insert(ArchiveFixtures.raw("lobby", start: 0, epoch: "20261129T080000Z"))
        let redacted = try catalog.insert(ArchiveFixtures.redacted("lobby", start: 0, pairedRaw: raw.id))
        #expect(redacted.pairedRawID == raw.id && redacted.pairedRawSHA256 == raw.sha256 && redacted.epoch == raw.epoch)

        let raw2 = try catalog.insert(ArchiveFixtures.raw("lobby", start: 10, epoch: "20261129T080000Z"))
        let unpaired = try catalog.insert(ArchiveFixtures.redacted("lobby", start: 10))
        #expect(unpaired.pairedRawSHA256 == nil)
        let paired = try catalog.pair(redacted: unpaired.id, withRaw: raw2.id)
        #expect(paired.pairedRawSHA256 == raw2.sha256 && paired.epoch == "20261129T080000Z")
        // A raw segment of another camera is not a twin.
        let other = try catalog.insert(ArchiveFixtures.raw("garage", start: 0))
        #expect(throws: ArchiveError.self) { try catalog.insert(ArchiveFixtures.redacted("lobby", start: 20, pairedRaw: other.id)) }
    }

    @Test func gapsAreRecordedAndQueried() throws {
        let t = ArchiveFixtures.time
        try catalog.recordGap(Gap(camera: "lobby", start: t(10), end: t(25), reason: .disconnected, detail: "connection refused"))
        try catalog.recordGap(Gap(camera: "lobby", start: t(100), end: t(130), reason: .stalled))
        try catalog.recordGap(Gap(camera: "garage", start: t(0), end: t(500), reason: .shutdown))
        #expect(try catalog.gaps(camera: "lobby", overlapping: t(0)..<t(200)).map(\.reason) == [.disconnected, .stalled])
        #expect(try catalog.gaps(camera: "lobby", overlapping: t(25)..<t(100)).isEmpty)
        #expect(try catalog.gaps(camera: "lobby", overlapping: t(20)..<t(21)).first?.detail == "connection refused")
        #expect(try catalog.cameras() == ["garage", "lobby"])
    }

    @Test func gapsOfOneOutageAreOneRow() throws {
        let t = ArchiveFixtures.time
        // A segment lost to a full disk, then the reconnection it caused, then another loss.
        try catalog.recordGap(Gap(camera: "lobby", start: t(10), end: t(12), reason: .storageFull, detail: "segment not written"))
        try catalog.recordGap(Gap(camera: "lobby", start: t(11.9), end: t(15), reason: .disconnected))
        try catalog.recordGap(Gap(camera: "lobby", start: t(15), end: t(17), reason: .storageFull))
        try catalog.recordGap(Gap(camera: "lobby", start: t(30), end: t(31), reason: .stalled))
        try catalog.recordGap(Gap(camera: "garage", start: t(16), end: t(20), reason: .shutdown))
        #expect(try catalog.gaps(camera: "lobby", overlapping: t(0)..<t(100))
                == [Gap(camera: "lobby", start: t(10), end: t(17), reason: .storageFull, detail: "segment not written"),
                    Gap(camera: "lobby", start: t(30), end: t(31), reason: .stalled)])
        // A gap spanning two recorded ones joins them all into the earliest.
        try catalog.recordGap(Gap(camera: "lobby", start: t(16), end: t(30), reason: .disconnected, detail: "refused"))
        #expect(try catalog.gaps(camera: "lobby", overlapping: t(0)..<t(100))
                == [Gap(camera: "lobby", start: t(10), end: t(31), reason: .storageFull, detail: "segment not written")])
        #expect(try catalog.gaps(camera: "garage", overlapping: t(0)..<t(100)).count == 1)
    }

    @Test func footageSpansBytesAndSummary() throws {
        try catalog.insert(ArchiveFixtures.raw("lobby", start: 0, bytes: 100))
        try catalog.insert(ArchiveFixtures.raw("lobby", start: 10, bytes: 200))
        try catalog.insert(ArchiveFixtures.redacted("lobby", start: 10, bytes: 50))
        try catalog.recordGap(Gap(camera: "lobby", start: ArchiveFixtures.time(30), end: ArchiveFixtures.time(40), reason: .stalled))
        #expect(try catalog.footage(camera: "lobby", kind: .raw) == FootageSpan(oldest: ArchiveFixtures.time(0), newest: ArchiveFixtures.time(20)))
        #expect(try catalog.footage(camera: "garage", kind: .raw) == nil)
        #expect(try catalog.totalBytes() == [.raw: 300, .redacted: 50])
        let summary = try #require(try catalog.summary().first)
        #expect(summary.camera == "lobby" && summary.raw.segmentCount == 2 && summary.raw.bytes == 300)
        #expect(summary.redacted.footage?.oldest == ArchiveFixtures.time(10) && summary.gapCount == 1)
    }

    @Test func rejectsValuesThatWouldCorruptTheArchive() throws {
        var badCamera = ArchiveFixtures.raw("../etc", start: 0)
        badCamera.path = "raw/x.veilraw"
        var badHash = ArchiveFixtures.raw("lobby", start: 0)
        badHash.sha256 = "ABC"
        var backwards = ArchiveFixtures.raw("lobby", start: 0)
        backwards.end = backwards.start
        var rawWithoutEpoch = ArchiveFixtures.raw("lobby", start: 0)
        rawWithoutEpoch.epoch = nil
        for segment in [badCamera, badHash, backwards, rawWithoutEpoch] {
            let error = #expect(throws: ArchiveError.self) { try catalog.insert(segment) }
            #expect(error?.isInvalidValue == true)
        }
        #expect(try catalog.summary().isEmpty)
    }
}
