import Foundation
import Testing
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// Leases follow the database's clock (3 s leases here, renewed every 0.5 s), and every
    /// acquisition gets a higher generation than any before it.
    @Suite struct LeaseTests {
        @Test func aRenewedLeaseOutlivesItsFirstExpiryAndAnExpiredOneGoesToAnotherNode() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let south = try await ClusterNode.register(ClusterFixture.identity("south"), in: database, rules: ClusterFixture.rules)

                let before = try await database.databaseTime()
                guard case .acquired(let first) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                let after = try await database.databaseTime()
                // The expiry is the database's clock at acquisition plus the lease duration.
                #expect(first.expiresAt >= before.addingTimeInterval(3 - 0.001))
                #expect(first.expiresAt <= after.addingTimeInterval(3 + 0.001))
                #expect(first.node == "north")

                guard case .held(let holder) = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("a held camera was acquired by another node"); return
                }
                #expect(holder == first)

                // Renewing every 0.5 s carries the lease past its first expiry.
                var lease = first
                while try await database.databaseTime() <= first.expiresAt.addingTimeInterval(0.5) {
                    try await Task.sleep(for: .milliseconds(500))
                    lease = try await north.renew(lease)
                }
                #expect(lease.generation == first.generation)
                #expect(lease.expiresAt > first.expiresAt)
                guard case .held = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("a renewed lease was taken over"); return
                }

                // North stops renewing (paused, partitioned): once the database's clock passes the
                // expiry, south gets the camera under a strictly higher generation.
                while try await database.databaseTime() <= lease.expiresAt { try await Task.sleep(for: .milliseconds(200)) }
                guard case .acquired(let taken) = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("an expired lease was not handed over"); return
                }
                #expect(taken.node == "south")
                #expect(taken.generation > lease.generation)

                // North's late renewal fails and says so.
                let error = await #expect(throws: ClusterError.self) { _ = try await north.renew(lease) }
                #expect(error?.isLeaseLost == true)
                #expect(error?.description.contains("camera lobby") == true, "\(String(describing: error))")
            }
        }

        /// A released lease is free at once; the next holder's generation is higher.
        @Test func aReleasedLeaseIsFreeAtOnce() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let south = try await ClusterNode.register(ClusterFixture.identity("south"), in: database, rules: ClusterFixture.rules)
                guard case .acquired(let lease) = try await north.acquireLease(camera: "lobby") else {
                    Issue.record("a free camera was not acquired"); return
                }
                #expect(try await north.release(lease))
                #expect(try await !north.release(lease))
                // Released means expired by the database's clock: it cannot be renewed either.
                await #expect(throws: ClusterError.self) { _ = try await north.renew(lease) }
                guard case .acquired(let next) = try await south.acquireLease(camera: "lobby") else {
                    Issue.record("a released camera was not acquired"); return
                }
                #expect(next.generation > lease.generation)
            }
        }

        /// Of several nodes asking for one free camera at the same moment, exactly one gets it.
        @Test func nodesRacingForOneCameraGetOneLease() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                var nodes: [ClusterNode] = []
                for name in ["north", "south", "east", "west"] {
                    nodes.append(try await ClusterNode.register(ClusterFixture.identity(name), in: database, rules: ClusterFixture.rules))
                }
                let outcomes = try await withThrowingTaskGroup(of: LeaseAcquisition.self) { group in
                    for node in nodes { group.addTask { try await node.acquireLease(camera: "lobby") } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let winners = outcomes.compactMap { if case .acquired(let lease) = $0 { lease } else { nil } }
                #expect(winners.count == 1)
                let held = outcomes.compactMap { if case .held(let lease) = $0 { lease } else { nil } }
                #expect(held.allSatisfy { $0 == winners.first })
            }
        }

        /// Generations come from a logged sequence, not an UNLOGGED table: they survive a crash.
        @Test func generationsComeFromALoggedSequence() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            let persistence = try SharedPostgres.current.sql(
                "SELECT relpersistence FROM pg_class WHERE relname = 'lease_generation' AND relkind = 'S'",
                database: configuration.database)
            #expect(persistence == "p")
        }
    }
}
