import Foundation
import GRDB
import Testing
@testable import VeilArchive

@Suite struct CatalogFileTests {
    @Test func opensInWALWithFullSyncAndForeignKeys() throws {
        let catalog = try Catalog(dataDirectory: try ArchiveFixtures.temporaryDirectory())
        #expect(try catalog.pragma("journal_mode") == "wal")
        #expect(try catalog.pragma("synchronous") == "2")   // FULL
        #expect(try catalog.pragma("foreign_keys") == "1")
        #expect(try catalog.pragma("busy_timeout") == "5000")
    }

    @Test func reopeningKeepsTheData() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        do {
            let catalog = try Catalog(dataDirectory: directory)
            try catalog.insert(ArchiveFixtures.raw("lobby", start: 0))
            try catalog.recordGap(Gap(camera: "lobby", start: ArchiveFixtures.time(10), end: ArchiveFixtures.time(20), reason: .crash))
        }
        let reopened = try Catalog(dataDirectory: directory)
        let range = ArchiveFixtures.time(0)..<ArchiveFixtures.time(100)
        #expect(try reopened.segments(camera: "lobby", overlapping: range).count == 1)
        #expect(try reopened.gaps(camera: "lobby", overlapping: range).map(\.reason) == [.crash])
        let readOnly = try Catalog(dataDirectory: directory, readOnly: true)
        #expect(try readOnly.segments(camera: "lobby", overlapping: range).count == 1)
        #expect(throws: ArchiveError.self) { try readOnly.insert(ArchiveFixtures.raw("lobby", start: 10)) }
    }

    @Test func migratesAnEmptyFileToTheCurrentSchema() throws {
        let path = try ArchiveFixtures.temporaryDirectory() + "/catalog.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let catalog = try Catalog(path: path)
        #expect(try catalog.schemaVersion() == Schema.currentVersion)
        try catalog.insert(ArchiveFixtures.raw("lobby", start: 0))
        // Migrating again is a no-op.
        #expect(try Catalog(path: path).schemaVersion() == Schema.currentVersion)
    }

    @Test func refusesASchemaFromANewerVeil() throws {
        let path = try ArchiveFixtures.temporaryDirectory() + "/catalog.sqlite"
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
        let error = #expect(throws: ArchiveError.self) { try Catalog(path: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("newer") == true)
    }

    @Test func corruptFileFailsWithItsPath() throws {
        let path = try ArchiveFixtures.temporaryDirectory() + "/catalog.sqlite"
        try ArchiveFixtures.write(String(repeating: "this is not a database ", count: 400), to: path)
        let error = #expect(throws: ArchiveError.self) { try Catalog(path: path) }
        #expect(error?.isCorruptDatabase == true)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("file is not a database") == true)
    }

    @Test func readOnlyOpenOfAMissingCatalogSaysSo() throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        let error = #expect(throws: ArchiveError.self) { try Catalog(dataDirectory: directory, readOnly: true) }
        #expect(error?.description.contains(directory + "/catalog.sqlite") == true)
        #expect(!FileManager.default.fileExists(atPath: directory + "/catalog.sqlite"))
    }

    @Test func readerSeesCommittedRowsWhileAWriterInserts() async throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        let writer = try Catalog(dataDirectory: directory)
        let reader = try Catalog(dataDirectory: directory, readOnly: true)
        let total = 300
        let writing = Task.detached {
            for index in 0..<total { try writer.insert(ArchiveFixtures.raw("lobby", start: Double(index) * 10)) }
        }
        let range = ArchiveFixtures.time(0)..<ArchiveFixtures.time(Double(total) * 10)
        var seen = 0, reads = 0
        while seen < total {
            let count = try reader.segments(camera: "lobby", overlapping: range).count
            #expect(count >= seen)   // committed rows never disappear
            seen = count
            reads += 1
            if reads > 100_000 { break }
        }
        try await writing.value
        #expect(try reader.segments(camera: "lobby", overlapping: range).count == total)
        #expect(reads > 1)
    }

    @Test func oneCatalogIsSharedByManyThreads() async throws {
        let catalog = try Catalog(dataDirectory: try ArchiveFixtures.temporaryDirectory())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for camera in ["a", "b", "c", "d"] {
                group.addTask {
                    for index in 0..<50 {
                        try catalog.insert(ArchiveFixtures.raw(camera, start: Double(index) * 10))
                        _ = try catalog.summary()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try catalog.summary().map(\.raw.segmentCount) == [50, 50, 50, 50])
    }
}
