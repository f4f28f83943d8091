import Foundation
import Testing
import VeilArchive
import VeilCluster
import VeilCore
import VeilTestSupport

extension ClusterTests {
    /// Occupancy intervals reach the catalog of record as the node's catalog stored them
    /// (coarsened), each once however often it is sent.
    @Suite struct OccupancyIntervalTests {
        @Test func intervalsAreStoredOnceAndCoarsened() async throws {
            let directory = try TestSupport.temporaryDirectory(prefix: "veil-occupancy-outbox")
            defer { try? FileManager.default.removeItem(at: directory) }
            let catalog = try Catalog(dataDirectory: directory.path)
            try catalog.holdLease(camera: "lobby", generation: 1)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try catalog.recordOccupancy([
                IntervalFigures(camera: "lobby", subject: .zone("desk"), measures: .people, start: start,
                                end: start.addingTimeInterval(60), meanPeople: 1.5, maxPeople: 2),
                IntervalFigures(camera: "lobby", subject: .line("door"), measures: .crossings, start: start,
                                end: start.addingTimeInterval(60), entries: 6, exits: 8),
            ], minimumCount: 3)
            let rows = try catalog.unsentOccupancy()
            try #require(rows.count == 2)

            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                try await north.recordOccupancy(rows)
                try await north.recordOccupancy(rows)
            }
            let stored = try SharedPostgres.current.sql("""
                SELECT node || ' ' || camera || ' ' || name || ' ' || coalesce(mean_people::text, '<' || minimum_count)
                       || ' ' || coalesce(entries::text, '-') || ' ' || coalesce(exits::text, '-')
                FROM occupancy_intervals ORDER BY local_id
                """, database: configuration.database)
            #expect(stored == "north lobby desk <3 - -\nnorth lobby door <3 6 8")
        }
    }
}
