import PostgresNIO
public import VeilArchive

/// Segment and gap rows. Each carries the recording node's own catalog id (`localID`), unique
/// per node: sending a row twice (a reply lost, the outbox replayed) inserts it once.
extension ClusterNode {
    /// Catalogues a finished segment recorded under lease `generation`, and says which role it
    /// got. In one transaction: the camera's lease row is read and locked (`FOR SHARE`, so no
    /// takeover can commit in between); the segment is `primary` only if that lease is still
    /// this node's, with this generation, unexpired by the database's clock, and `overlap`
    /// otherwise. A stale writer (partitioned, paused, replaying its outbox after a takeover)
    /// thus never becomes primary for time another node recorded.
    ///
    /// A repeated commit of the same `localID` inserts nothing and returns the role decided the
    /// first time; the same id with another file hash is refused (`isInvalidValue`).
    public func commitSegment(_ segment: NewSegment, localID: SegmentID, generation: Int64) async throws -> SegmentRole {
        let operation = "committing \(segment.kind.rawValue) segment \(localID) of camera \(segment.camera) from node \(name)"
        let address = database.configuration.address
        return try await database.withTransaction(operation) { connection in
            let lease = try await connection.query("""
                SELECT expires_at > clock_timestamp() FROM camera_leases
                WHERE camera = \(segment.camera) AND node = \(name) AND generation = \(generation)
                FOR SHARE
                """, logger: database.logger)
            let holdsLease = try await lease.decode(Bool.self).first { _ in true } ?? false
            let role: SegmentRole = holdsLease ? .primary : .overlap
            let start = CatalogTime.microseconds(segment.start), end = CatalogTime.microseconds(segment.end)
            let inserted = try await connection.query("""
                INSERT INTO segments (node, local_id, camera, kind, start_us, end_us, path, bytes, sha256, epoch,
                                      paired_raw_local_id, generation, role, committed_at)
                VALUES (\(name), \(localID.rawValue), \(segment.camera), \(segment.kind.rawValue), \(start), \(end),
                        \(segment.path), \(segment.bytes), \(segment.sha256), \(segment.epoch),
                        \(segment.pairedRaw?.rawValue), \(generation), \(role.rawValue), clock_timestamp())
                ON CONFLICT (node, local_id) DO NOTHING
                RETURNING role
                """, logger: database.logger)
            if try await inserted.decode(String.self).first(where: { _ in true }) != nil { return role }
            let earlier = try await connection.query("""
                SELECT role, sha256 FROM segments WHERE node = \(name) AND local_id = \(localID.rawValue)
                """, logger: database.logger)
            guard let (stored, sha256) = try await earlier.decode((String, String).self).first(where: { _ in true }),
                  let storedRole = SegmentRole(rawValue: stored) else {
                throw ClusterError(.database, operation, database: address, detail: "the segment row vanished during the commit")
            }
            guard sha256 == segment.sha256 else {
                throw ClusterError(.invalidValue, operation, database: address,
                                   detail: "segment \(localID) of node \(name) was committed before with SHA-256 \(sha256), "
                                       + "not \(segment.sha256): the node's catalog ids are not unique")
            }
            return storedRole
        }
    }

    /// Records a stretch without footage and its cause. Idempotent per `localID`, like segments.
    public func recordGap(_ gap: Gap, localID: Int64) async throws {
        let start = CatalogTime.microseconds(gap.start), end = CatalogTime.microseconds(gap.end)
        _ = try await database.withConnection("recording a gap of camera \(gap.camera) from node \(name)") { connection in
            try await connection.query("""
                INSERT INTO gaps (node, local_id, camera, start_us, end_us, reason, detail, recorded_at)
                VALUES (\(name), \(localID), \(gap.camera), \(start), \(end), \(gap.reason.rawValue), \(gap.detail),
                        clock_timestamp())
                ON CONFLICT (node, local_id) DO NOTHING
                """, logger: database.logger)
        }
    }
}
