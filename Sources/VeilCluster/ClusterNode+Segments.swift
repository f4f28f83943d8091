public import Foundation
import PostgresNIO
public import VeilArchive

/// Segment and gap rows. Each carries the recording node's own catalog id (`localID`), unique
/// per node: sending a row twice (a reply lost, the outbox replayed) inserts it once.
extension ClusterNode {
    /// Catalogues a finished segment recorded under lease `generation`, and says which role it
    /// got. For any instant of a camera's footage (of one kind) at most one segment is primary,
    /// and the higher generation wins where two recordings overlap:
    ///
    /// * the segment is **primary** when `generation` was granted to this node for this camera,
    ///   no segment of a higher generation overlaps it, and either this node still holds the
    ///   camera's lease under `generation` (unexpired by the database's clock), or no primary
    ///   segment overlaps it at all (late rows from a node that was cut off, for time nobody
    ///   else recorded);
    /// * otherwise it is an **overlap**: kept and catalogued, never played or exported;
    /// * a segment that becomes primary demotes the lower-generation primaries it overlaps.
    ///
    /// So a stale writer (partitioned, paused, replaying its outbox after a takeover) never
    /// stays primary for time another node recorded under a later lease. Commits of one camera
    /// are serialised by locking its `cameras` row, and the lease row is read `FOR SHARE`, so no
    /// takeover or other commit slips in between the checks and the insert.
    ///
    /// A repeated commit of the same `localID` inserts nothing and returns the role decided
    /// then (updating only a pairing or a status changed since); the same id with another file
    /// hash is refused (`isInvalidValue`).
    public func commitSegment(_ segment: NewSegment, localID: SegmentID, generation: Int64,
                              status: SegmentStatus = .present) async throws -> SegmentRole {
        let operation = "committing \(segment.kind.rawValue) segment \(localID) of camera \(segment.camera) from node \(name)"
        let address = database.configuration.address
        let start = CatalogTime.microseconds(segment.start), end = CatalogTime.microseconds(segment.end)
        let camera = segment.camera, kind = segment.kind.rawValue
        return try await database.withTransaction(operation) { connection in
            _ = try await connection.query("SELECT 1 FROM cameras WHERE name = \(camera) FOR UPDATE", logger: database.logger)
            let earlier = try await connection.query("""
                SELECT role, sha256 FROM segments WHERE node = \(name) AND local_id = \(localID.rawValue)
                """, logger: database.logger)
            if let (stored, sha256) = try await earlier.decode((String, String).self).first(where: { _ in true }) {
                guard sha256 == segment.sha256, let storedRole = SegmentRole(rawValue: stored) else {
                    throw ClusterError(.invalidValue, operation, database: address,
                                       detail: "segment \(localID) of node \(name) was committed before with SHA-256 \(sha256), "
                                           + "not \(segment.sha256): the node's catalog ids are not unique")
                }
                _ = try await connection.query("""
                    UPDATE segments SET paired_raw_local_id = \(segment.pairedRaw?.rawValue), status = \(status.rawValue)
                    WHERE node = \(name) AND local_id = \(localID.rawValue)
                      AND (paired_raw_local_id IS DISTINCT FROM \(segment.pairedRaw?.rawValue) OR status <> \(status.rawValue))
                    """, logger: database.logger)
                return storedRole
            }
            let checks = try await connection.query("""
                SELECT
                    EXISTS (SELECT 1 FROM lease_history WHERE generation = \(generation) AND camera = \(camera)
                            AND node = \(name)),
                    EXISTS (SELECT 1 FROM camera_leases WHERE camera = \(camera) AND node = \(name)
                            AND generation = \(generation) AND expires_at > clock_timestamp() FOR SHARE),
                    EXISTS (SELECT 1 FROM segments WHERE camera = \(camera) AND kind = \(kind)
                            AND generation > \(generation) AND start_us < \(end) AND end_us > \(start)),
                    EXISTS (SELECT 1 FROM segments WHERE camera = \(camera) AND kind = \(kind) AND role = 'primary'
                            AND start_us < \(end) AND end_us > \(start))
                """, logger: database.logger)
            guard let (granted, holdsLease, outranked, covered) = try await checks.decode((Bool, Bool, Bool, Bool).self)
                .first(where: { _ in true }) else {
                throw ClusterError(.database, operation, database: address, detail: "the role checks returned no row")
            }
            let role: SegmentRole = granted && !outranked && (holdsLease || !covered) ? .primary : .overlap
            if role == .primary {
                _ = try await connection.query("""
                    UPDATE segments SET role = 'overlap'
                    WHERE camera = \(camera) AND kind = \(kind) AND role = 'primary' AND generation < \(generation)
                      AND start_us < \(end) AND end_us > \(start)
                    """, logger: database.logger)
            }
            _ = try await connection.query("""
                INSERT INTO segments (node, local_id, camera, kind, start_us, end_us, path, bytes, sha256, epoch,
                                      paired_raw_local_id, generation, role, committed_at, status)
                VALUES (\(name), \(localID.rawValue), \(camera), \(kind), \(start), \(end),
                        \(segment.path), \(segment.bytes), \(segment.sha256), \(segment.epoch),
                        \(segment.pairedRaw?.rawValue), \(generation), \(role.rawValue), clock_timestamp(), \(status.rawValue))
                """, logger: database.logger)
            return role
        }
    }

    /// Marks this node's segment `localID` deleted (retention removed it from the node's disk
    /// and catalog). Its row stays, so the history of who recorded what stays whole.
    public func markSegmentDeleted(localID: Int64) async throws {
        _ = try await database.withConnection("marking segment \(localID) of node \(name) deleted") { connection in
            try await connection.query("""
                UPDATE segments SET status = 'deleted' WHERE node = \(name) AND local_id = \(localID)
                """, logger: database.logger)
        }
    }

    /// Records a stretch without footage and its cause. Idempotent per `localID`, like
    /// segments; a gap sent again after it widened (the outage went on) is updated.
    public func recordGap(_ gap: Gap, localID: Int64) async throws {
        let start = CatalogTime.microseconds(gap.start), end = CatalogTime.microseconds(gap.end)
        _ = try await database.withConnection("recording a gap of camera \(gap.camera) from node \(name)") { connection in
            try await connection.query("""
                INSERT INTO gaps (node, local_id, camera, start_us, end_us, reason, detail, recorded_at)
                VALUES (\(name), \(localID), \(gap.camera), \(start), \(end), \(gap.reason.rawValue), \(gap.detail),
                        clock_timestamp())
                ON CONFLICT (node, local_id) DO UPDATE
                    SET start_us = excluded.start_us, end_us = excluded.end_us, detail = excluded.detail
                """, logger: database.logger)
        }
    }

    /// Where the camera's primary footage of `kind` (from any node) ends, if it has any:
    /// where a node taking the camera over starts its gap.
    public func primaryFootageEnd(camera: String, kind: SegmentKind = .redacted) async throws -> Date? {
        try await database.withConnection("reading where camera \(camera)'s footage ends") { connection in
            let rows = try await connection.query("""
                SELECT max(end_us) FROM segments WHERE camera = \(camera) AND kind = \(kind.rawValue) AND role = 'primary'
                """, logger: database.logger)
            return try await rows.decode(Int64?.self).first { _ in true }.flatMap { $0 }.map(CatalogTime.date)
        }
    }
}
