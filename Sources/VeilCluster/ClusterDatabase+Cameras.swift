import PostgresNIO

extension ClusterDatabase {
    /// Checks this node's camera list against the cluster's: the first node to start records
    /// its list; every later node must list exactly the same cameras, or it is refused
    /// (`isConfigurationError`) with the difference named, and nothing is written. Serialised
    /// by PostgreSQL's advisory lock, so two first nodes starting together cannot both win.
    public func requireCameraList(_ names: [String], node: String) async throws {
        let operation = "checking node \(node)'s camera list against the cluster's"
        let address = configuration.address
        try await withTransaction(operation) { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.cameraListLock))", logger: self.logger)
            let rows = try await connection.query("SELECT name FROM cameras WHERE retired_at IS NULL ORDER BY name",
                                                  logger: self.logger)
            var known: [String] = []
            for try await name in rows.decode(String.self) { known.append(name) }
            if known.isEmpty {
                _ = try await connection.query("""
                    INSERT INTO cameras (name) SELECT unnest(\(names)::text[])
                    ON CONFLICT (name) DO UPDATE SET retired_at = NULL
                    """, logger: self.logger)
                return
            }
            let missing = Set(known).subtracting(names).sorted(), extra = Set(names).subtracting(known).sorted()
            guard missing.isEmpty && extra.isEmpty else {
                var differences: [String] = []
                if !missing.isEmpty { differences.append("it lacks \(missing.joined(separator: ", "))") }
                if !extra.isEmpty { differences.append("it adds \(extra.joined(separator: ", "))") }
                throw ClusterError(.configuration, operation, database: address,
                                   detail: "this node's cameras differ from the cluster's (\(known.joined(separator: ", "))): "
                                       + differences.joined(separator: " and ")
                                       + "; every node must list the same cameras: if this node's list is the new one, run "
                                       + "`veil cluster cameras --apply` with it (docs/cluster.md, \"Changing the camera list\")")
            }
        }
    }

    /// What changing the cluster's camera list to `names` adds and retires.
    public struct CameraListChange: Sendable, Hashable {
        public var added: [String]
        public var retired: [String]
        public var isEmpty: Bool { added.isEmpty && retired.isEmpty }
    }

    /// Makes `names` the cluster's camera list (with `apply`; otherwise only says what would
    /// change). New cameras are added (a retired one comes back); cameras no longer listed are
    /// retired: no node leases them from then on, and a node holding one hands it back within
    /// a round. Their footage rows stay.
    public func changeCameraList(to names: [String], apply: Bool) async throws -> CameraListChange {
        try await withTransaction("changing the cluster's camera list") { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.cameraListLock))", logger: self.logger)
            var known: [String] = []
            for try await name in try await connection.query("SELECT name FROM cameras WHERE retired_at IS NULL",
                                                               logger: self.logger).decode(String.self) {
                known.append(name)
            }
            let change = CameraListChange(added: Set(names).subtracting(known).sorted(),
                                          retired: Set(known).subtracting(names).sorted())
            guard apply, !change.isEmpty else { return change }
            _ = try await connection.query("""
                INSERT INTO cameras (name) SELECT unnest(\(change.added)::text[])
                ON CONFLICT (name) DO UPDATE SET retired_at = NULL
                """, logger: self.logger)
            _ = try await connection.query("""
                UPDATE cameras SET retired_at = clock_timestamp() WHERE name = ANY(\(change.retired)::text[])
                """, logger: self.logger)
            return change
        }
    }

    /// The advisory lock key serialising camera-list checks ("VEILCAMS" in ASCII).
    static let cameraListLock: Int64 = 0x5645_494C_4341_4D53
}
