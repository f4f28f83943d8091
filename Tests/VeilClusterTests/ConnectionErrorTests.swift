import Testing
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// What an operator sees when the database settings are wrong: one error naming the
    /// database (host:port/name, never the password) and the cause, before anything is written.
    @Suite struct ConnectionErrorTests {
        @Test func aWrongPasswordIsRefusedClearly() async throws {
            var configuration = try ClusterFixture.freshDatabase()
            configuration.password = "not-the-password"
            let error = await #expect(throws: ClusterError.self) {
                _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            }
            #expect(error?.isRefusedLogin == true)
            let text = error?.description ?? ""
            #expect(text.contains("postgresql://\(configuration.user)@127.0.0.1:\(configuration.port)/\(configuration.database)"), "\(text)")
            #expect(text.contains("password authentication failed"), "\(text)")
            #expect(!text.contains("not-the-password"), "\(text)")
            let server = try SharedPostgres.current
            #expect(try server.sql("SELECT to_regclass('schema_version') IS NULL", database: configuration.database) == "t")
        }

        @Test func anUnreachableServerIsReportedWithItsAddress() async throws {
            var configuration = try ClusterFixture.freshDatabase()
            configuration.port = Int(try TestSupport.freeLoopbackPort())
            let error = await #expect(throws: ClusterError.self) {
                _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            }
            #expect(error?.isUnreachable == true)
            let text = error?.description ?? ""
            #expect(text.contains("127.0.0.1:\(configuration.port)"), "\(text)")
            #expect(text.contains("cannot reach PostgreSQL"), "\(text)")
        }

        @Test func aMissingDatabaseIsNamed() async throws {
            var configuration = try ClusterFixture.freshDatabase()
            configuration.database = "no_such_database"
            let error = await #expect(throws: ClusterError.self) {
                _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
            }
            #expect(error?.isRefusedLogin == true)
            #expect(error?.description.contains("\"no_such_database\" does not exist") == true, "\(String(describing: error))")
        }
    }
}
