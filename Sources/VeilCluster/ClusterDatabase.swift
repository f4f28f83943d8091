public import Foundation
public import Logging
import NIOCore
import PostgresNIO
public import ServiceLifecycle

/// The cluster's PostgreSQL: a small pool of connections (postgres-nio's `PostgresClient`) to a
/// database whose schema is at this Veil's version.
///
/// `open` first connects once on a connection of its own and migrates the schema there, so a
/// wrong password, an unreachable server or a schema from a newer Veil fails at once with one
/// clear error, before anything is written; the pool alone would keep retrying in the
/// background and report only that it gave up. The pool serves queries only while `run()` runs:
/// `veil record` runs it as a service of its group; `withDatabase` runs it around a closure.
public final class ClusterDatabase: Service, Sendable {
    public let configuration: Configuration
    let client: PostgresClient
    let logger: Logger

    /// Connections a node keeps at most: lease renewals, segment commits and the odd query. Kept
    /// small because PostgreSQL's `max_connections` (100 by default) is shared by every node.
    static let maximumConnections = 4

    private init(_ configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        var options = PostgresClient.Configuration.Options()
        options.connectTimeout = configuration.connectTimeout
        options.maximumConnections = Self.maximumConnections
        options.additionalStartupParameters = [("application_name", configuration.applicationName)]
        var settings = PostgresClient.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.user,
            password: configuration.password, database: configuration.database,
            tls: configuration.tlsConfiguration.map { .require($0) } ?? .disable)
        settings.options = options
        client = PostgresClient(configuration: settings, backgroundLogger: logger)
    }

    /// Checks the login, brings the schema to this Veil's version (or refuses a newer one) and
    /// returns the database, whose pool works once `run()` runs.
    public static func open(_ configuration: Configuration, logger: Logger) async throws -> ClusterDatabase {
        try await SchemaMigrator.migrate(configuration, logger: logger)
        return ClusterDatabase(configuration, logger: logger)
    }

    /// Runs the pool until the task is cancelled or the service group shuts down (the pool is
    /// listed first in `veil record`'s group, so it shuts down last, after the member's hand-over).
    public func run() async { await cancelWhenGracefulShutdown { await self.client.run() } }

    /// Opens the database, runs its pool while `body` runs, and stops it afterwards: for
    /// commands and tests that use the database for a while and then end.
    public static func withDatabase<Result: Sendable>(
        _ configuration: Configuration, logger: Logger,
        _ body: @Sendable (ClusterDatabase) async throws -> Result
    ) async throws -> Result {
        let database = try await open(configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    /// The database's clock now: the clock leases and heartbeats follow.
    public func databaseTime() async throws -> Date {
        let time = try await withConnection("reading the database's clock") { connection in
            let rows = try await connection.query("SELECT clock_timestamp()", logger: self.logger)
            return try await rows.decode(Date.self).first { _ in true }
        }
        guard let time else {
            throw ClusterError(.database, "reading the database's clock", database: configuration.address,
                               detail: "SELECT clock_timestamp() returned no row")
        }
        return time
    }

    /// Adds the cameras not yet known to the cluster (leases, segments and gaps name only known cameras).
    public func declareCameras(_ names: [String]) async throws {
        _ = try await withConnection("declaring cameras \(names.joined(separator: ", "))") { connection in
            try await connection.query("""
                INSERT INTO cameras (name) SELECT unnest(\(names)::text[]) ON CONFLICT (name) DO NOTHING
                """, logger: self.logger)
        }
    }

    /// Runs `body` on a pooled connection; whatever fails becomes a `ClusterError` naming `operation`.
    func withConnection<Result: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withConnection(body)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw ClusterError.translating(error, operation, database: configuration.address)
        }
    }

    /// As `withConnection`, inside one transaction (committed when `body` returns, rolled back when it throws).
    func withTransaction<Result: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withConnection(operation) { connection in
            try await connection.withTransaction(logger: self.logger) { try await body($0) }
        }
    }
}
