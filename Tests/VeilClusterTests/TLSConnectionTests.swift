import Testing
import VeilCluster
import VeilTestSupport

/// With a CA file the connection requires TLS and verifies the server's certificate against
/// it; a certificate from another CA, or a server without TLS, is refused before logging in.
/// (Its own server, with TLS on: the shared one runs without.)
@Suite struct TLSConnectionTests {
    @Test func aServerCertifiedByTheConfiguredCAIsTrusted() async throws {
        let certificates = try TestCertificates()
        let server = try PostgresServer(tls: certificates.server)
        defer { server.stop() }
        let configuration = ClusterDatabase.Configuration(
            host: "127.0.0.1", port: Int(server.port), database: try server.createDatabase(), user: server.user,
            password: server.password, certificateAuthorityFile: certificates.caFile, applicationName: "veil-tls-test")
        try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
            _ = try await database.databaseTime()
            // The pool's connection is still open: PostgreSQL says whether it is encrypted.
            let encrypted = try server.sql("""
                SELECT bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                WHERE a.application_name = 'veil-tls-test'
                """)
            #expect(encrypted == "t")
        }

        var untrusted = configuration
        untrusted.certificateAuthorityFile = certificates.otherCAFile
        let error = await #expect(throws: ClusterError.self) {
            _ = try await ClusterDatabase.open(untrusted, logger: ClusterFixture.logger)
        }
        #expect(error?.isTLSFailure == true)
        #expect(error?.description.contains("127.0.0.1:\(server.port)") == true, "\(String(describing: error))")
        #expect(error?.description.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(String(describing: error))")
    }

    @Test func aServerWithoutTLSIsRefusedWhenACAIsConfigured() async throws {
        let certificates = try TestCertificates()
        let server = try PostgresServer()
        defer { server.stop() }
        let configuration = ClusterDatabase.Configuration(
            host: "127.0.0.1", port: Int(server.port), database: try server.createDatabase(), user: server.user,
            password: server.password, certificateAuthorityFile: certificates.caFile)
        let error = await #expect(throws: ClusterError.self) {
            _ = try await ClusterDatabase.open(configuration, logger: ClusterFixture.logger)
        }
        #expect(error?.isTLSFailure == true)
        #expect(error?.description.contains("does not offer TLS") == true, "\(String(describing: error))")
        let tables = try server.sql("SELECT to_regclass('schema_version') IS NULL", database: configuration.database)
        #expect(tables == "t")
    }
}
