import PostgresNIO

extension ClusterDatabase {
    /// Reads the whole cluster's state for `veil cluster status` (read-only).
    public func status() async throws -> ClusterStatus {
        try await withConnection("reading the cluster's status") { connection in
            var nodes: [ClusterStatus.Node] = []
            let nodeRows = try await connection.query("""
                SELECT n.name, n.advertise_url, n.capacity_cameras,
                       CASE WHEN n.last_heartbeat = '-infinity' THEN NULL
                            ELSE extract(epoch FROM clock_timestamp() - n.last_heartbeat)::float8 END,
                       (SELECT count(*) FROM camera_leases l WHERE l.node = n.name AND l.expires_at > clock_timestamp())::int
                FROM nodes n ORDER BY n.name
                """, logger: self.logger)
            for try await (name, advertise, capacity, age, cameras) in nodeRows.decode((String, String, Int, Double?, Int).self) {
                nodes.append(.init(name: name, advertise: advertise, capacity: capacity, heartbeatAge: age, cameras: cameras))
            }
            var cameras: [ClusterStatus.Camera] = []
            let cameraRows = try await connection.query("""
                SELECT c.name, CASE WHEN l.expires_at > clock_timestamp() THEN l.node END, l.generation,
                       extract(epoch FROM l.expires_at - clock_timestamp())::float8
                FROM cameras c LEFT JOIN camera_leases l ON l.camera = c.name ORDER BY c.name
                """, logger: self.logger)
            for try await (name, holder, generation, left) in cameraRows.decode((String, String?, Int64?, Double?).self) {
                cameras.append(.init(name: name, holder: holder, generation: generation, leaseLeft: left))
            }
            var footage: [ClusterStatus.Footage] = []
            let footageRows = try await connection.query("""
                SELECT node, count(*) FILTER (WHERE role = 'primary')::int, count(*) FILTER (WHERE role = 'overlap')::int
                FROM segments GROUP BY node ORDER BY node
                """, logger: self.logger)
            for try await (node, primary, overlap) in footageRows.decode((String, Int, Int).self) {
                footage.append(.init(node: node, primary: primary, overlap: overlap))
            }
            var gaps: [ClusterStatus.Gaps] = []
            let gapRows = try await connection.query("""
                SELECT reason, count(*)::int, (sum(end_us - start_us) / 1e6)::float8 FROM gaps GROUP BY reason ORDER BY reason
                """, logger: self.logger)
            for try await (reason, count, seconds) in gapRows.decode((String, Int, Double).self) {
                gaps.append(.init(reason: reason, count: count, seconds: seconds))
            }
            return ClusterStatus(nodes: nodes, cameras: cameras, footage: footage, gaps: gaps)
        }
    }
}
