import Foundation
import Testing
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    @Suite struct NodeRegistrationTests {
        /// Two live machines configured with one node name: the second is refused, naming the
        /// node, and the first keeps its registration.
        @Test func aNodeNameHeldByALiveInstanceIsRefused() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let first = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let error = await #expect(throws: ClusterError.self) {
                    _ = try await ClusterNode.register(ClusterFixture.identity("north", machine: "cd"), in: database,
                                                       rules: ClusterFixture.rules)
                }
                #expect(error?.isNodeNameInUse == true)
                #expect(error?.description.contains("node name north is in use by another running instance") == true,
                        "\(String(describing: error))")
                let stored = try SharedPostgres.current.sql("SELECT instance_id FROM nodes WHERE name = 'north'",
                                                            database: configuration.database)
                #expect(stored == first.instance.uuidString.lowercased())
                // The same instance registering again (a lost reply) is fine, and so is its heartbeat.
                _ = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules,
                                                   instance: first.instance)
                try await first.heartbeat()
            }
        }

        /// Once the old instance's heartbeat is older than the node timeout (database clock), a
        /// new instance takes the name; the old one's heartbeat and lease requests are then refused.
        @Test func aSilentInstanceLosesItsNameToANewOne() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            let rules = LeaseRules(leaseDuration: .milliseconds(500), renewalInterval: .milliseconds(100), nodeTimeout: .seconds(1))
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                let old = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: rules)
                let silentUntil = try await database.databaseTime().addingTimeInterval(1)
                while try await database.databaseTime() <= silentUntil { try await Task.sleep(for: .milliseconds(100)) }
                // Another machine (another certificate) given the name: it had to wait for the timeout.
                let new = try await ClusterNode.register(ClusterFixture.identity("north", machine: "cd"), in: database, rules: rules)
                #expect(new.instance != old.instance)
                await #expect(throws: ClusterError.self) { try await old.heartbeat() }
                let error = await #expect(throws: ClusterError.self) { _ = try await old.acquireLease(camera: "lobby") }
                #expect(error?.isNodeReplaced == true)
                if case .acquired = try await new.acquireLease(camera: "lobby") {} else { Issue.record("the new instance got no lease") }
            }
        }

        /// The same node restarted (its certificate unchanged) takes its name back at once, and
        /// the instance it replaces is told so at its next heartbeat.
        @Test func aRestartedNodeTakesItsNameBackAtOnce() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let old = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let new = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                #expect(new.instance != old.instance)
                try await new.heartbeat()
                let error = await #expect(throws: ClusterError.self) { try await old.heartbeat() }
                #expect(error?.isNodeReplaced == true)
            }
        }

        /// A heartbeat stamps the database's clock, not the node's.
        @Test func aHeartbeatReturnsTheDatabasesClock() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let node = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let before = try await database.databaseTime()
                let beat = try await node.heartbeat()
                let after = try await database.databaseTime()
                #expect(before <= beat && beat <= after)
                let stored = try SharedPostgres.current.sql(
                    "SELECT (extract(epoch FROM last_heartbeat) * 1000000)::bigint FROM nodes WHERE name = 'north'",
                    database: configuration.database)
                #expect(Int64(stored) == Int64((beat.timeIntervalSince1970 * 1_000_000).rounded()))
            }
        }
    }
}
