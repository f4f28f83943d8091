import PostgresNIO

extension ClusterNode {
    /// The cluster as the database sees it now: members (active by heartbeat age), cameras and
    /// their latest leases, every time by the database's clock.
    public func view() async throws -> ClusterView {
        let active = 2 * LeaseRules.milliseconds(rules.renewalInterval)
        return try await database.withConnection("reading the cluster's members and leases for node \(name)") { connection in
            var members: [ClusterView.Member] = []
            let memberRows = try await connection.query("""
                SELECT name, capacity_cameras, last_heartbeat > clock_timestamp() - \(active) * interval '1 millisecond'
                FROM nodes ORDER BY name
                """, logger: database.logger)
            for try await (name, capacity, active) in memberRows.decode((String, Int, Bool).self) {
                members.append(.init(name: name, capacity: capacity, isActive: active))
            }
            var cameras: [String] = []
            for try await camera in try await connection.query("SELECT name FROM cameras WHERE retired_at IS NULL ORDER BY name",
                                                                       logger: database.logger)
                .decode(String.self) { cameras.append(camera) }
            var leases: [String: ClusterView.Holding] = [:]
            let leaseRows = try await connection.query("""
                SELECT camera, node, generation, expires_at > clock_timestamp(), released_at IS NOT NULL FROM camera_leases
                """, logger: database.logger)
            for try await (camera, node, generation, valid, released) in leaseRows.decode((String, String, Int64, Bool, Bool).self) {
                leases[camera] = .init(node: node, generation: generation, isValid: valid, wasReleased: released)
            }
            return ClusterView(members: members, cameras: cameras, leases: leases)
        }
    }

    /// Leaves the cluster on a clean stop: the node no longer counts as live, so the others'
    /// targets include its cameras at once, and its name is free for its next start.
    public func leave() async throws {
        _ = try await database.withConnection("node \(name) leaving the cluster") { connection in
            try await connection.query("""
                UPDATE nodes SET last_heartbeat = '-infinity' WHERE name = \(name) AND instance_id = \(instance)
                """, logger: database.logger)
        }
    }
}
