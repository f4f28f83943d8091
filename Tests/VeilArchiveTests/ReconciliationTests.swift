import Foundation
import Testing
@testable import VeilArchive

@Suite struct ReconciliationTests {
    @Test func crashLeftoversAreCleanedReportedAndMarked() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        var kept: SegmentRecord, lost: SegmentRecord, shredded: SegmentRecord
        do {
            // A recorder that dies (kill -9) mid-segment.
            let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
            kept = try commit(store, kind: .redacted, start: 0)
            lost = try commit(store, kind: .redacted, start: 10)
            shredded = try commit(store, kind: .raw, start: 0)
            _ = try store.catalog.markShredded(camera: "lobby", epoch: "20261129T080000Z")   // crash before unlink
            let inProgress = try store.prepare(camera: "lobby", kind: .redacted, start: ArchiveFixtures.time(20))
            try ArchiveFixtures.write("half a segment", to: inProgress.temporaryPath)
            try ArchiveFixtures.write("sealer leftover", to: directory + "/raw/lobby/2026-11-29/.080020.veilraw.a1b2c3.tmp")
            // Renamed into place, but the crash came before the catalog row.
            try ArchiveFixtures.write("orphan", to: directory + "/redacted/lobby/2026-11-29/080030.mp4")
        }
        try FileManager.default.removeItem(atPath: directory + "/" + lost.path)

        let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
        let report = try store.reconcile()
        #expect(report.removedTemporaryFiles == ["redacted/lobby/2026-11-29/.080020.partial.mp4",
                                                 "raw/lobby/2026-11-29/.080020.veilraw.a1b2c3.tmp"])
        #expect(report.missingSegments.map(\.id) == [lost.id])
        #expect(report.unknownFiles == ["redacted/lobby/2026-11-29/080030.mp4"])
        #expect(report.completedShreds == [shredded.path])
        #expect(report.lines.count == 5)
        #expect(FileManager.default.fileExists(atPath: directory + "/redacted/lobby/2026-11-29/080030.mp4"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + shredded.path))
        #expect(try store.catalog.segment(lost.id)?.status == .missing)
        #expect(try store.catalog.segment(kept.id)?.status == .present)

        // A second pass changes nothing and still reports the stranger.
        let again = try store.reconcile()
        #expect(again.unknownFiles.count == 1 && again.missingSegments.isEmpty && again.removedTemporaryFiles.isEmpty)

        // The missing file comes back (a disk remounted): present again.
        try ArchiveFixtures.write("segment", to: directory + "/" + lost.path)
        #expect(try store.reconcile().restoredSegments.map(\.id) == [lost.id])
        #expect(try store.catalog.segment(lost.id)?.status == .present)
    }

    @Test func cleanArchiveReconcilesClean() throws {
        let store = try SegmentStore.open(dataDirectory: try ArchiveFixtures.temporaryDirectory(), hashFile: ArchiveFixtures.hashFile)
        _ = try commit(store, kind: .raw, start: 0)
        let writing = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(10))
        try ArchiveFixtures.write("in progress", to: writing.temporaryPath)
        let sealing = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(20))
        let sealerTemporary = (sealing.path as NSString).deletingLastPathComponent + "/.080020.veilraw.0a1b2c.tmp"
        try ArchiveFixtures.write("sealing", to: sealerTemporary)
        // A writer of this process is busy: its temporary file is not a leftover.
        let report = try store.reconcile()
        #expect(report.isClean && report.lines.isEmpty)
        #expect(FileManager.default.fileExists(atPath: writing.temporaryPath))
        #expect(FileManager.default.fileExists(atPath: sealerTemporary))
    }

    @Test func aVanishedDayFolderMarksItsSegmentsMissing() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
        let raw = try commit(store, kind: .raw, start: 0)
        let redacted = try commit(store, kind: .redacted, start: 0)
        try FileManager.default.removeItem(atPath: directory + "/raw/lobby")
        let report = try store.reconcile()
        #expect(report.missingSegments.map(\.id) == [raw.id])
        #expect(try store.catalog.segment(redacted.id)?.status == .present)
        #expect(try store.reconcile().isClean)
    }

    /// A kill between the catalog row and the rename: the complete temporary file is renamed
    /// into place (its hash matches the row), not deleted, and nothing is left unknown.
    @Test func aCommitInterruptedBeforeItsRenameIsFinished() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        let path: String
        do {
            let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
            let pending = try store.prepare(camera: "lobby", kind: .raw, start: ArchiveFixtures.time(0))
            let staged = directory + "/raw/lobby/2026-11-29/.080000.veilraw.c0ffee.tmp"
            try ArchiveFixtures.write("sealed", to: staged)
            path = try store.catalogue(pending, stagedAt: staged, end: ArchiveFixtures.time(10), epoch: "20261129T080000Z").path
        }
        let store = try SegmentStore.open(dataDirectory: directory, hashFile: ArchiveFixtures.hashFile)
        let report = try store.reconcile()
        #expect(report.completedCommits == [path] && report.removedTemporaryFiles.isEmpty && report.unknownFiles.isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory + "/" + path))
        #expect(try store.reconcile().isClean)
    }

    private func commit(_ store: SegmentStore, kind: SegmentKind, start: Double) throws -> SegmentRecord {
        let pending = try store.prepare(camera: "lobby", kind: kind, start: ArchiveFixtures.time(start))
        try ArchiveFixtures.write("segment", to: pending.temporaryPath)
        return try store.commit(pending, end: ArchiveFixtures.time(start + 10), epoch: kind == .raw ? "20261129T080000Z" : nil)
    }
}
