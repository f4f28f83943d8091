import Testing
@testable import VeilCluster
import VeilTestSupport

extension ClusterTests {
    @Suite struct SchemaMigrationTests {
        /// Three nodes starting at once: PostgreSQL's advisory lock lets one migrate; the others
        /// wait, find the current version and change nothing (no "already exists" failures).
        @Test func threeNodesMigratingTogetherCreateTheSchemaOnce() async throws {
            let base = try ClusterFixture.freshDatabase()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<3 {
                    var configuration = base
                    configuration.applicationName = "node-\(index)"
                    group.addTask { _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger) }
                }
                try await group.waitForAll()
            }
            let server = try SharedPostgres.current
            let versions = try server.sql("SELECT version, applied_by FROM schema_version ORDER BY version", database: base.database)
            let rows = versions.split(separator: "\n")
            #expect(rows.count == ClusterSchema.currentVersion)
            #expect(rows.first?.hasPrefix("1|node-") == true && rows.last?.hasPrefix("\(ClusterSchema.currentVersion)|node-") == true,
                    "one row per version, each by one of the nodes: \(versions)")
            let tables = try server.sql("""
                SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'
                """, database: base.database)
            #expect(tables == "audit_chain,camera_leases,cameras,epoch_tombstones,gaps,lease_history,legal_holds,node_audit_keys,nodes,occupancy_intervals,schema_version,segments,staff_accounts")
        }

        /// Opening again changes nothing: the version is current.
        @Test func reopeningLeavesTheSchemaAlone() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            let count = try SharedPostgres.current.sql("SELECT count(*) FROM schema_version", database: configuration.database)
            #expect(count == "\(ClusterSchema.currentVersion)")
        }

        /// A database migrated by a newer Veil is refused with one error saying which versions,
        /// which database, and what to do; this Veil's migration is not applied over it.
        @Test func aNewerSchemaIsRefusedAndNothingIsWritten() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            let server = try SharedPostgres.current
            try server.sql("""
                CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(),
                                             applied_by text NOT NULL);
                INSERT INTO schema_version (version, applied_by) VALUES (99, 'a future veil')
                """, database: configuration.database)
            let error = await #expect(throws: ClusterError.self) {
                _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            }
            #expect(error?.isNewerSchema == true)
            let text = error?.description ?? ""
            #expect(text.contains("version 99"), "\(text)")
            #expect(text.contains("127.0.0.1:\(server.port)/\(configuration.database)"), "\(text)")
            #expect(text.contains("Upgrade this node"), "\(text)")
            #expect(try server.sql("SELECT to_regclass('nodes') IS NULL", database: configuration.database) == "t")
            #expect(try server.sql("SELECT count(*) FROM schema_version", database: configuration.database) == "1")
        }
    }
}
