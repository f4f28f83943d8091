import Foundation
import Testing
import VeilArchive
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// Fencing at commit: a segment is primary only when its node still holds the camera's lease
    /// with the generation it states; a stale writer's segment is kept as an overlap.
    @Suite struct SegmentCommitTests {
        static func segment(_ number: Int, camera: String = "lobby", sha256: String? = nil) -> NewSegment {
            let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(number) * 10)
            return NewSegment(camera: camera, kind: .redacted, start: start, end: start.addingTimeInterval(10),
                              path: "redacted/\(camera)/\(number).mp4", bytes: 1000,
                              sha256: sha256 ?? String(format: "%064x", number))
        }

        @Test func aStaleWritersSegmentIsAnOverlapNeverPrimary() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let south = try await ClusterNode.register(ClusterFixture.identity("south"), in: database, rules: ClusterFixture.rules)
                guard case .acquired(let northLease) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                #expect(try await north.commitSegment(Self.segment(1), localID: SegmentID(rawValue: 1),
                                                      generation: northLease.generation) == .primary)

                // North pauses past its lease; south takes the camera over and records.
                while try await database.databaseTime() <= northLease.expiresAt { try await Task.sleep(for: .milliseconds(200)) }
                guard case .acquired(let southLease) = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("an expired lease was not handed over"); return
                }
                #expect(try await south.commitSegment(Self.segment(2), localID: SegmentID(rawValue: 1),
                                                      generation: southLease.generation) == .primary)

                // North wakes and commits what it recorded meanwhile, under its old generation.
                #expect(try await north.commitSegment(Self.segment(2), localID: SegmentID(rawValue: 2),
                                                      generation: northLease.generation) == .overlap)
                // Stating south's generation does not help: the lease is not north's.
                #expect(try await north.commitSegment(Self.segment(3), localID: SegmentID(rawValue: 3),
                                                      generation: southLease.generation) == .overlap)

                let rows = try SharedPostgres.current.sql(
                    "SELECT node || ':' || local_id || ':' || role FROM segments ORDER BY id", database: configuration.database)
                #expect(rows.split(separator: "\n") == ["north:1:primary", "south:1:primary", "north:2:overlap", "north:3:overlap"])
            }
        }

        /// Where a cut-off node's late rows and the new owner's overlap, the later generation is
        /// primary, whichever is committed first; time only the cut-off node recorded stays its own.
        @Test func theLaterGenerationIsPrimaryWhereTwoRecordingsOverlap() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let south = try await ClusterNode.register(ClusterFixture.identity("south"), in: database, rules: ClusterFixture.rules)
                guard case .acquired(let old) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                while try await database.databaseTime() <= old.expiresAt { try await Task.sleep(for: .milliseconds(200)) }
                guard case .acquired(let new) = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("an expired lease was not handed over"); return
                }
                // North, cut off, catches up: segment 1 nobody else recorded; segment 2 before south's twin.
                #expect(try await north.commitSegment(Self.segment(1), localID: SegmentID(rawValue: 1), generation: old.generation) == .primary)
                #expect(try await north.commitSegment(Self.segment(2), localID: SegmentID(rawValue: 2), generation: old.generation) == .primary)
                #expect(try await south.commitSegment(Self.segment(2), localID: SegmentID(rawValue: 1), generation: new.generation) == .primary)
                #expect(try await south.commitSegment(Self.segment(3), localID: SegmentID(rawValue: 2), generation: new.generation) == .primary)
                #expect(try await north.commitSegment(Self.segment(3), localID: SegmentID(rawValue: 3), generation: old.generation) == .overlap)
                let rows = try SharedPostgres.current.sql(
                    "SELECT node || ':' || local_id || ':' || role FROM segments ORDER BY node, local_id", database: configuration.database)
                #expect(rows.split(separator: "\n") == ["north:1:primary", "north:2:overlap", "north:3:overlap",
                                                        "south:1:primary", "south:2:primary"])
            }
        }

        /// Committing one (node, local id) twice inserts one row; the role of the first commit
        /// stands, even when the lease has gone since. Another file under the same id is refused.
        @Test func aRepeatedCommitInsertsOneRow() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                guard case .acquired(let lease) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                let id = SegmentID(rawValue: 7)
                #expect(try await north.commitSegment(Self.segment(1), localID: id, generation: lease.generation) == .primary)
                // Gone either way: released, or expired already on a loaded machine (3 s leases).
                _ = try await north.release(lease)
                #expect(try await north.commitSegment(Self.segment(1), localID: id, generation: lease.generation) == .primary)
                let count = try SharedPostgres.current.sql("SELECT count(*) FROM segments", database: configuration.database)
                #expect(count == "1")
                // A late segment under the released lease, for time nobody else recorded, is the only
                // recording of that time: primary.
                #expect(try await north.commitSegment(Self.segment(2), localID: SegmentID(rawValue: 8),
                                                      generation: lease.generation) == .primary)

                let error = await #expect(throws: ClusterError.self) {
                    _ = try await north.commitSegment(Self.segment(1, sha256: String(repeating: "f", count: 64)), localID: id,
                                                      generation: lease.generation)
                }
                #expect(error?.isInvalidValue == true)
            }
        }

        /// A segment's status follows its node's catalog: re-committed shredded, marked deleted.
        @Test func statusChangesReachTheClusterRow() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                guard case .acquired(let lease) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                for number in 1...2 {
                    _ = try await north.commitSegment(Self.segment(number), localID: SegmentID(rawValue: Int64(number)),
                                                      generation: lease.generation)
                }
                #expect(try await north.commitSegment(Self.segment(1), localID: SegmentID(rawValue: 1), generation: lease.generation,
                                                      status: .shredded) == .primary)
                try await north.markSegmentDeleted(localID: 2)
                let rows = try SharedPostgres.current.sql("SELECT local_id || ':' || status FROM segments ORDER BY local_id",
                                                          database: configuration.database)
                #expect(rows.split(separator: "\n") == ["1:shredded", "2:deleted"])
            }
        }

        /// Values the schema refuses come back as one clear error: an unknown camera, a bad hash.
        @Test func refusedValuesAreReportedAndNotStored() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let unknown = await #expect(throws: ClusterError.self) {
                    _ = try await north.commitSegment(Self.segment(1, camera: "attic"), localID: SegmentID(rawValue: 1), generation: 1)
                }
                #expect(unknown?.isInvalidValue == true)
                try await database.declareCameras(["lobby"])
                let badHash = await #expect(throws: ClusterError.self) {
                    _ = try await north.commitSegment(Self.segment(1, sha256: "xyz"), localID: SegmentID(rawValue: 1), generation: 1)
                }
                #expect(badHash?.isInvalidValue == true)
                let count = try SharedPostgres.current.sql("SELECT count(*) FROM segments", database: configuration.database)
                #expect(count == "0")
            }
        }

        /// Gaps are recorded once per (node, local id), with their cause.
        @Test func aGapIsRecordedOnceWithItsCause() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let start = Date(timeIntervalSince1970: 1_800_000_000)
                let gap = Gap(camera: "lobby", start: start, end: start.addingTimeInterval(4), reason: .disconnected, detail: "no route")
                try await north.recordGap(gap, localID: 1)
                try await north.recordGap(gap, localID: 1)
                let rows = try SharedPostgres.current.sql(
                    "SELECT reason || ':' || (end_us - start_us) FROM gaps", database: configuration.database)
                #expect(rows == "disconnected:4000000")
            }
        }
    }
}
