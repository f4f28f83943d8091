import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// Brings the cluster database to `ClusterSchema.currentVersion`, once, whichever node gets
/// there first.
///
/// Everything happens in one transaction that starts by taking a transaction-scoped advisory
/// lock (`pg_advisory_xact_lock`): nodes starting together queue on PostgreSQL's own lock, the
/// first migrates, the others then find the current version and do nothing. DDL is
/// transactional in PostgreSQL, so a failure (or a newer schema, which is refused) leaves the
/// database exactly as it was.
enum SchemaMigrator {
    /// Connects on a connection of its own, migrates, and closes it. The version found and the
    /// version left are returned for logging.
    @discardableResult
    static func migrate(_ configuration: ClusterDatabase.Configuration, logger: Logger) async throws -> (from: Int, to: Int) {
        let address = configuration.address
        let connection = try await connect(configuration, logger: logger)
        do {
            let result = try await connection.withTransaction(logger: logger) { connection in
                try await migrate(connection, database: address, logger: logger)
            }
            try? await connection.close()
            if result.from != result.to {
                logger.info("cluster schema migrated", metadata: ["from": "\(result.from)", "to": "\(result.to)", "database": "\(address)"])
            }
            return result
        } catch {
            try? await connection.close()
            throw ClusterError.translating(error, "migrating the cluster schema", database: address)
        }
    }

    private static func migrate(_ connection: PostgresConnection, database: String, logger: Logger) async throws -> (from: Int, to: Int) {
        try await connection.query("SELECT pg_advisory_xact_lock(\(ClusterSchema.migrationLock))", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: ClusterSchema.versionTable), logger: logger)
        let rows = try await connection.query("SELECT coalesce(max(version), 0)::bigint FROM schema_version", logger: logger)
        let found = Int(try await rows.decode(Int64.self).first { _ in true } ?? 0)
        let current = ClusterSchema.currentVersion
        guard found <= current else {
            throw ClusterError(.newerSchema, "migrating the cluster schema", database: database,
                               detail: "its schema is version \(found), newer than this Veil's \(current): a newer Veil "
                                   + "migrated it. Upgrade this node to that version; nothing was written")
        }
        for version in found + 1 ..< current + 1 {
            for statement in ClusterSchema.migrations[version - 1] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("""
                INSERT INTO schema_version (version, applied_by) VALUES (\(version), current_setting('application_name'))
                """, logger: logger)
        }
        return (found, current)
    }

    /// One connection of its own (not the pool's), with the same server, login, TLS and timeout;
    /// a failure is a `ClusterError` naming the database.
    static func connect(_ configuration: ClusterDatabase.Configuration, logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try connectionSettings(configuration), id: 0, logger: logger)
        } catch {
            throw ClusterError.translating(error, "connecting", database: configuration.address)
        }
    }

    /// The first connection's settings: the same server, login, TLS and timeout as the pool's.
    private static func connectionSettings(_ configuration: ClusterDatabase.Configuration) throws -> PostgresConnection.Configuration {
        var tls = PostgresConnection.Configuration.TLS.disable
        if let tlsConfiguration = configuration.tlsConfiguration {
            do {
                tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
            } catch {
                throw ClusterError(.configuration, "connecting", database: configuration.address,
                                   detail: "cannot use the CA file \(configuration.certificateAuthorityFile ?? ""): \(error)")
            }
        }
        var settings = PostgresConnection.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.user,
            password: configuration.password, database: configuration.database, tls: tls)
        settings.options.connectTimeout = TimeAmount(configuration.connectTimeout)
        settings.options.additionalStartupParameters = [("application_name", configuration.applicationName)]
        return settings
    }
}
