import Foundation
import PostgresNIO

/// Camera leases. Every time here is the database's `clock_timestamp()`: a lease is valid while
/// `clock_timestamp() < expires_at`, and nothing a node's own clock says changes that.
extension ClusterNode {
    /// Takes the camera's lease if it is free, released or expired, under a new, higher
    /// generation; otherwise reports who holds it. Throws `isNodeReplaced` if this instance no
    /// longer owns its node name.
    public func acquireLease(camera: String) async throws -> LeaseAcquisition {
        let milliseconds = LeaseRules.milliseconds(rules.leaseDuration)
        return try await database.withTransaction("acquiring the lease of camera \(camera) for node \(name)") { connection in
            // Holding the node row shared keeps a re-registration of the name from slipping in
            // between this check and the lease.
            let owned = try await connection.query("""
                SELECT 1 FROM nodes WHERE name = \(name) AND instance_id = \(instance) FOR SHARE
                """, logger: database.logger)
            guard try await owned.decode(Int32.self).first(where: { _ in true }) != nil else {
                throw replaced("acquiring the lease of camera \(camera)")
            }
            // ON CONFLICT … DO UPDATE locks the existing row and evaluates WHERE on its latest
            // version, so of two nodes racing for an expired lease exactly one gets it.
            let taken = try await connection.query("""
                INSERT INTO camera_leases AS l (camera, node, generation, acquired_at, expires_at)
                VALUES (\(camera), \(name), nextval('lease_generation'), clock_timestamp(),
                        clock_timestamp() + \(milliseconds) * interval '1 millisecond')
                ON CONFLICT (camera) DO UPDATE
                    SET node = excluded.node, generation = excluded.generation,
                        acquired_at = excluded.acquired_at, expires_at = excluded.expires_at, released_at = NULL
                    WHERE l.expires_at <= clock_timestamp()
                RETURNING camera, node, generation, expires_at
                """, logger: database.logger)
            if let lease = try await Self.lease(taken) {
                _ = try await connection.query("""
                    INSERT INTO lease_history (generation, camera, node, acquired_at)
                    VALUES (\(lease.generation), \(camera), \(name), clock_timestamp())
                    """, logger: database.logger)
                return .acquired(lease)
            }
            let current = try await connection.query("""
                SELECT camera, node, generation, expires_at FROM camera_leases WHERE camera = \(camera)
                """, logger: database.logger)
            guard let lease = try await Self.lease(current) else {
                throw ClusterError(.database, "acquiring the lease of camera \(camera)", database: database.configuration.address,
                                   detail: "the lease row vanished during the acquisition")
            }
            return .held(lease)
        }
    }

    /// Extends a lease this node holds to `leaseDuration` from now. Throws `isLeaseLost` when
    /// the lease expired or was taken over first: the camera is no longer this node's to record
    /// as primary (it may still record; what it commits becomes overlap).
    public func renew(_ lease: CameraLease) async throws -> CameraLease {
        let milliseconds = LeaseRules.milliseconds(rules.leaseDuration)
        let operation = "renewing the lease of camera \(lease.camera) (generation \(lease.generation)) for node \(name)"
        let renewed = try await database.withConnection(operation) { connection in
            let rows = try await connection.query("""
                UPDATE camera_leases SET expires_at = clock_timestamp() + \(milliseconds) * interval '1 millisecond'
                WHERE camera = \(lease.camera) AND node = \(name) AND generation = \(lease.generation)
                  AND expires_at > clock_timestamp()
                RETURNING camera, node, generation, expires_at
                """, logger: database.logger)
            return try await Self.lease(rows)
        }
        guard let renewed else {
            throw ClusterError(.leaseLost, operation, database: database.configuration.address,
                               detail: "the lease expired by the database's clock or another node took the camera over; "
                                   + "acquire it again (segments committed meanwhile are overlaps)")
        }
        return renewed
    }

    /// Renews every lease in `leases` in one statement (one round trip however many cameras a
    /// node holds) and returns those renewed; a lease missing from the answer is lost (expired
    /// by the database's clock, or taken over), as with `renew`.
    public func renewAll(_ leases: [CameraLease]) async throws -> [CameraLease] {
        guard !leases.isEmpty else { return [] }
        let milliseconds = LeaseRules.milliseconds(rules.leaseDuration)
        let cameras = leases.map(\.camera), generations = leases.map(\.generation)
        return try await database.withConnection("renewing \(leases.count) camera leases for node \(name)") { connection in
            let rows = try await connection.query("""
                UPDATE camera_leases l SET expires_at = clock_timestamp() + \(milliseconds) * interval '1 millisecond'
                FROM unnest(\(cameras)::text[], \(generations)::bigint[]) AS held (camera, generation)
                WHERE l.camera = held.camera AND l.generation = held.generation AND l.node = \(name)
                  AND l.expires_at > clock_timestamp()
                RETURNING l.camera, l.node, l.generation, l.expires_at
                """, logger: database.logger)
            var renewed: [CameraLease] = []
            for try await (camera, node, generation, expiresAt) in rows.decode((String, String, Int64, Date).self) {
                renewed.append(CameraLease(camera: camera, node: node, generation: generation, expiresAt: expiresAt))
            }
            return renewed
        }
    }

    /// Gives the lease up at once (a clean hand-over), so another node need not wait for it to
    /// expire. Returns false when it was no longer held anyway.
    @discardableResult
    public func release(_ lease: CameraLease) async throws -> Bool {
        try await database.withConnection("releasing the lease of camera \(lease.camera) for node \(name)") { connection in
            let rows = try await connection.query("""
                UPDATE camera_leases SET expires_at = clock_timestamp(), released_at = clock_timestamp()
                WHERE camera = \(lease.camera) AND node = \(name) AND generation = \(lease.generation)
                  AND expires_at > clock_timestamp()
                RETURNING generation
                """, logger: database.logger)
            return try await rows.decode(Int64.self).first { _ in true } != nil
        }
    }

    /// The first row of `camera, node, generation, expires_at`, if any.
    static func lease(_ rows: PostgresRowSequence) async throws -> CameraLease? {
        for try await (camera, node, generation, expiresAt) in rows.decode((String, String, Int64, Date).self) {
            return CameraLease(camera: camera, node: node, generation: generation, expiresAt: expiresAt)
        }
        return nil
    }
}
