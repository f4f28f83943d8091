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
            let rows = try await connection.query("SELECT name FROM cameras ORDER BY name", logger: self.logger)
            var known: [String] = []
            for try await name in rows.decode(String.self) { known.append(name) }
            if known.isEmpty {
                _ = try await connection.query("INSERT INTO cameras (name) SELECT unnest(\(names)::text[])", logger: self.logger)
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
                                       + "; every node must list the same cameras (docs/cluster.md, \"Changing the camera list\")")
            }
        }
    }

    /// The advisory lock key serialising camera-list checks ("VEILCAMS" in ASCII).
    static let cameraListLock: Int64 = 0x5645_494C_4341_4D53
}
