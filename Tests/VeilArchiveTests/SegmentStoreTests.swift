import Foundation
import Testing
@testable import VeilArchive

@Suite struct SegmentStoreTests {
    let directory: String
    let store: SegmentStore

    init() throws {
        directory = try ArchiveFixtures.temporaryDirectory() + "/data"
        store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile,
                                      now: { ArchiveFixtures.time(3600) })
    }

    /// Writes `text` as the writer would and commits it.
    @discardableResult
    func record(_ camera: String, _ kind: SegmentKind, start: Double, text: String = "bytes",
                epoch: String? = "20261129T080000Z", pairedRaw: SegmentID? = nil) throws -> SegmentRecord {
        let pending = try store.prepare(camera: camera, kind: kind, start: ArchiveFixtures.time(start))
        try ArchiveFixtures.write(text, to: pending.temporaryPath)
        return try store.commit(pending, end: ArchiveFixtures.time(start + 10), epoch: kind == .raw ? epoch : nil, pairedRaw: pairedRaw)
    }

    @Test func namesFollowTheLayoutInUTC() throws {
        let pending = try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(41 * 60 + 0.5))
        #expect(pending.relativePath == "redacted/lobby/2026-11-29/084100.mp4")
        #expect(pending.path == directory + "/redacted/lobby/2026-11-29/084100.mp4")
        #expect(pending.temporaryPath == directory + "/redacted/lobby/2026-11-29/.084100.partial.mp4")
        let lastSecond = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(-8 * 3600 - 0.1))
        #expect(lastSecond.relativePath == "raw/lobby/2026-11-28/235959.veilraw")
        #expect(FileSystem.isDirectory(directory + "/raw/lobby/2026-11-28"))
    }

    @Test func collisionsGetNumberedNames() throws {
        let first = try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(0))
        let second = try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(0.4))
        #expect(first.relativePath.hasSuffix("/080000.mp4") && second.relativePath.hasSuffix("/080000-1.mp4"))
        try ArchiveFixtures.write("x", to: first.temporaryPath)
        try store.commit(first, end: ArchiveFixtures.time(10))
        store.abandon(second)
        // 080000.mp4 is catalogued; 080000-1 was freed; a stray file takes -1 now.
        try ArchiveFixtures.write("stray", to: directory + "/redacted/lobby/2026-11-29/080000-1.mp4")
        #expect(try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(0)).relativePath.hasSuffix("/080000-2.mp4"))
    }

    @Test func commitRenamesThenCatalogues() throws {
        let pending = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(0))
        try ArchiveFixtures.write("sealed bytes", to: pending.temporaryPath)
        let record = try store.commit(pending, end: ArchiveFixtures.time(10), epoch: "20261129T080000Z")
        #expect(!FileManager.default.fileExists(atPath: pending.temporaryPath))
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(of: record)))
        #expect(record.bytes == 12 && record.sha256 == ArchiveFixtures.digest(Array("sealed bytes".utf8)) && record.status == .present)
        let given = try record2(sha: ArchiveFixtures.sha(7))
        #expect(given.sha256 == ArchiveFixtures.sha(7))
    }

    private func record2(sha: String) throws -> SegmentRecord {
        let pending = try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(10))
        try ArchiveFixtures.write("mp4", to: pending.temporaryPath)
        return try store.commit(pending, end: ArchiveFixtures.time(20), sha256: sha)
    }

    @Test func invalidCommitLeavesTheTemporaryFileAndNoRow() throws {
        let pending = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(0))
        try ArchiveFixtures.write("sealed", to: pending.temporaryPath)
        #expect(throws: ArchiveError.self) { try store.commit(pending, end: ArchiveFixtures.time(10), epoch: nil) }
        #expect(FileManager.default.fileExists(atPath: pending.temporaryPath) && !FileManager.default.fileExists(atPath: pending.path))
        store.abandon(pending)
        #expect(!FileManager.default.fileExists(atPath: pending.temporaryPath))
        #expect(try store.catalog.summary().isEmpty)
        #expect(throws: ArchiveError.self) { try store.prepare(camera: "no/slashes", kind: .raw, start: ArchiveFixtures.time(0)) }
    }

    @Test func adoptCataloguesAFileItsWriterRenamed() throws {
        let pending = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(0))
        try ArchiveFixtures.write("sealed by the vault", to: pending.path)
        let record = try store.adopt(pending, end: ArchiveFixtures.time(10), epoch: "20261129T080000Z")
        #expect(record.path == pending.relativePath && record.bytes == 19)
    }

    @Test func shreddingAnEpochDeletesOnlyItsRawFiles() throws {
        let raws = try (0..<3).map { try record("lobby", .raw, start: Double($0) * 10, epoch: "20261129T080000Z") }
        let other = try record("lobby", .raw, start: 3600, epoch: "20261129T090000Z")
        let garage = try record("garage", .raw, start: 0, epoch: "20261129T080000Z")
        let redacted = try record("lobby", .redacted, start: 0, pairedRaw: raws[0].id)
        #expect(try store.deleteRawSegments(camera: "lobby", epoch: "20261129T080000Z") == 3)
        for raw in raws {
            #expect(!FileManager.default.fileExists(atPath: store.absolutePath(of: raw)))
            #expect(try store.catalog.segment(raw.id)?.status == .shredded)
        }
        #expect(try store.catalog.segment(other.id)?.status == .present)
        #expect(try store.catalog.segment(garage.id)?.status == .present)
        #expect(try store.catalog.segment(redacted.id)?.pairedRawSHA256 == raws[0].sha256)
        #expect(try store.deleteRawSegments(camera: "lobby", epoch: "20261129T080000Z") == 0)
        #expect(try store.catalog.totalBytes()[.raw] == other.bytes + garage.bytes)
    }

    @Test func redactedRetentionDeletesOldSegmentsAndHistory() throws {
        let old = try record("lobby", .redacted, start: 0)
        let new = try record("lobby", .redacted, start: 20)
        let raw = try record("lobby", .raw, start: 0)
        #expect(try store.deleteRawSegments(camera: "lobby", epoch: "20261129T080000Z") == 1)
        try store.catalog.recordGap(Gap(camera: "lobby", start: ArchiveFixtures.time(10), end: ArchiveFixtures.time(20), reason: .stalled))
        let result = try store.applyRedactedRetention(cutoff: ArchiveFixtures.time(20))
        #expect(result == RetentionResult(segmentsDeleted: 1, bytesFreed: old.bytes, rawRowsForgotten: 1, gapsForgotten: 1))
        #expect(!FileManager.default.fileExists(atPath: store.absolutePath(of: old)))
        #expect(try store.catalog.segment(raw.id) == nil)
        #expect(try store.catalog.segment(new.id)?.status == .present)
        #expect(try store.deleteRedacted([new.id]) == new.bytes)
        #expect(try store.catalog.summary().isEmpty)
    }
}
