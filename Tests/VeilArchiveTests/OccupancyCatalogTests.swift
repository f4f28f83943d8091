import Foundation
import GRDB
import Testing
import VeilOccupancy
@testable import VeilArchive
import VeilCore

/// The occupancy table: coarsened on the way in, refused exact figures below the minimum,
/// queried by range, camera and name, and forgotten after retention.
@Suite struct OccupancyCatalogTests {
    let start = ArchiveFixtures.time(0)

    private func withCatalog(_ body: (Catalog) throws -> Void) throws {
        let directory = try ArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(try Catalog(dataDirectory: directory))
    }

    private func zone(_ name: String, at offset: Double, mean: Double, max: Int, camera: String? = "lobby") -> IntervalFigures {
        IntervalFigures(camera: camera, subject: camera == nil ? .area(name) : .zone(name), measures: .people,
                        start: start.addingTimeInterval(offset), end: start.addingTimeInterval(offset + 300),
                        meanPeople: mean, maxPeople: max)
    }

    @Test func smallFiguresAreStoredCoarsenedAndReadBackSo() throws {
        try withCatalog { catalog in
            let door = IntervalFigures(camera: "lobby", subject: .line("door"), measures: .crossings, start: start,
                                       end: start.addingTimeInterval(300), entries: 7, exits: 2)
            try catalog.recordOccupancy([zone("reading", at: 0, mean: 1.5, max: 4), door], minimumCount: 3)
            let rows = try catalog.occupancy(from: start, to: start.addingTimeInterval(300))
            #expect(rows.count == 2)
            let reading = try #require(rows.first { $0.subject == .zone("reading") })
            #expect(reading.meanPeople == .below(3) && reading.maxPeople == .value(4))
            #expect(reading.entries == nil && reading.exits == nil)
            let line = try #require(rows.first { $0.subject == .line("door") })
            #expect(line.entries == .value(7) && line.exits == .below(3) && line.meanPeople == nil)
            // The table holds NULL, not the 2: nothing to read back.
            let stored = try catalog.withDatabase { try Row.fetchOne($0, sql: "SELECT exits FROM occupancy WHERE kind = 'line'").map { $0[0] as Int64? } }
            #expect(stored == .some(nil))
        }
    }

    @Test func theTableRefusesAnExactFigureBelowTheMinimum() throws {
        try withCatalog { catalog in
            #expect(throws: ArchiveError.self) {
                try catalog.write { database in
                    try database.execute(sql: """
                        INSERT INTO occupancy (camera, kind, name, start_us, end_us, measures, minimum_count, max_people)
                        VALUES ('lobby', 'zone', 'reading', 0, 300000000, 'people', 3, 1)
                        """)
                }
            }
        }
    }

    @Test func queriesNarrowByRangeCameraAndName() throws {
        try withCatalog { catalog in
            try catalog.recordOccupancy([zone("reading", at: 0, mean: 5, max: 6), zone("reading", at: 300, mean: 7, max: 9),
                                         zone("stacks", at: 300, mean: 3, max: 3),
                                         zone("branch", at: 300, mean: 12, max: 15, camera: nil)], minimumCount: 3)
            let second = try catalog.occupancy(from: start.addingTimeInterval(300), to: start.addingTimeInterval(600))
            #expect(second.map(\.subject) == [.zone("reading"), .zone("stacks"), .area("branch")])
            #expect(try catalog.occupancy(name: "reading", from: start, to: start.addingTimeInterval(600)).count == 2)
            #expect(try catalog.occupancy(camera: "lobby", from: start, to: start.addingTimeInterval(600)).count == 3)
            #expect(try catalog.occupancy(from: start.addingTimeInterval(600), to: start.addingTimeInterval(900)).isEmpty)
        }
    }

    @Test func retentionForgetsOldIntervals() throws {
        try withCatalog { catalog in
            try catalog.recordOccupancy([zone("reading", at: 0, mean: 5, max: 6), zone("reading", at: 300, mean: 7, max: 9)],
                                        minimumCount: 3)
            #expect(try catalog.forgetOccupancy(endingBy: start.addingTimeInterval(300)) == 1)
            #expect(try catalog.occupancy(from: start, to: start.addingTimeInterval(900)).map(\.start) == [start.addingTimeInterval(300)])
        }
    }

    @Test func theSchemaHoldsNothingPerPerson() throws {
        try withCatalog { catalog in
            let columns = try #require(try catalog.tableColumns()["occupancy"])
            #expect(columns == ["id", "camera", "kind", "name", "start_us", "end_us", "measures", "minimum_count",
                                "mean_people", "max_people", "entries", "exits"])
        }
    }
}
