public import Foundation
public import Logging
import PostgresNIO

extension ClusterDatabase {
    /// What `veil doctor` learns of the cluster database without changing it.
    public struct Probe: Sendable {
        /// The schema version found (0: no Veil schema yet; `veil record` creates it).
        public let schemaVersion: Int
        /// The version this Veil migrates to.
        public let currentVersion: Int
        /// The database's clock minus this machine's (positive: this machine is behind), taken
        /// at the middle of the round trip; `uncertainty` is half the round trip.
        public let clockOffset: TimeInterval
        public let uncertainty: TimeInterval
    }

    /// Connects once on a connection of its own, reads the schema version and compares the
    /// database's clock with this machine's; writes nothing (no migration).
    public static func probe(_ configuration: Configuration, logger: Logger) async throws -> Probe {
        let connection = try await SchemaMigrator.connect(configuration, logger: logger)
        do {
            let exists = try await connection.query("SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
            let hasSchema = try await exists.decode(Bool.self).first { _ in true } ?? false
            var version = 0
            if hasSchema {
                let rows = try await connection.query("SELECT coalesce(max(version), 0)::bigint FROM schema_version", logger: logger)
                version = Int(try await rows.decode(Int64.self).first { _ in true } ?? 0)
            }
            let sent = Date()
            let clock = try await connection.query("SELECT clock_timestamp()", logger: logger)
            let databaseTime = try await clock.decode(Date.self).first { _ in true } ?? sent
            let received = Date()
            try? await connection.close()
            let middle = sent.addingTimeInterval(received.timeIntervalSince(sent) / 2)
            return Probe(schemaVersion: version, currentVersion: ClusterSchema.currentVersion,
                         clockOffset: databaseTime.timeIntervalSince(middle), uncertainty: received.timeIntervalSince(sent) / 2)
        } catch {
            try? await connection.close()
            throw ClusterError.translating(error, "reading the cluster database's schema and clock", database: configuration.address)
        }
    }
}
