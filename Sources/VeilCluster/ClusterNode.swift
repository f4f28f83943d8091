public import Foundation
import PostgresNIO

/// One running `veil record` as a member of the cluster: its name and this process's instance
/// id, registered in `nodes`. Leases, segment commits and gaps go through it, so every row
/// says which node wrote it.
///
/// A node name belongs to one live instance at a time. A restart of the same node (the same
/// certificate, which lives in its data directory or its configured files) takes the name over
/// at once, so a node killed and restarted by systemd records again without waiting; another
/// machine configured with the name takes it only once the old instance's heartbeat is
/// `LeaseRules.nodeTimeout` old by the database's clock, and is refused while it is fresher.
/// An instance whose name was taken over is told so at its next heartbeat (`isNodeReplaced`).
public struct ClusterNode: Sendable {
    /// What a node tells the cluster about itself (the later `cluster.node` configuration).
    public struct Identity: Sendable, Hashable {
        /// Unique in the cluster, e.g. `branch-north-1`.
        public var name: String
        /// Where other nodes reach this one, `https://host:port`.
        public var advertise: String
        /// SHA-256 of this node's TLS certificate (64 lowercase hex digits), which peers pin.
        public var certificateSHA256: String
        /// How many cameras this node offers to record.
        public var capacity: Int

        public init(name: String, advertise: String, certificateSHA256: String, capacity: Int) {
            self.name = name
            self.advertise = advertise
            self.certificateSHA256 = certificateSHA256
            self.capacity = capacity
        }
    }

    public let database: ClusterDatabase
    public let identity: Identity
    /// This process's id: new at every start, so two processes with one name are told apart.
    public let instance: UUID
    public let rules: LeaseRules

    public var name: String { identity.name }

    private init(database: ClusterDatabase, identity: Identity, instance: UUID, rules: LeaseRules) {
        self.database = database
        self.identity = identity
        self.instance = instance
        self.rules = rules
    }

    /// Registers `identity` under a new instance id (or `instance`, to re-register after a
    /// lost reply). Throws `isNodeNameInUse` when another instance of that name is alive.
    public static func register(_ identity: Identity, in database: ClusterDatabase, rules: LeaseRules = LeaseRules(),
                                instance: UUID = UUID()) async throws -> ClusterNode {
        let node = ClusterNode(database: database, identity: identity, instance: instance, rules: rules)
        let operation = "registering node \(identity.name)"
        let timeout = LeaseRules.milliseconds(rules.nodeTimeout)
        let registered = try await database.withConnection(operation) { connection in
            let rows = try await connection.query("""
                INSERT INTO nodes AS n (name, advertise_url, certificate_sha256, capacity_cameras, instance_id,
                                        registered_at, last_heartbeat)
                VALUES (\(identity.name), \(identity.advertise), \(identity.certificateSHA256), \(identity.capacity),
                        \(instance), clock_timestamp(), clock_timestamp())
                ON CONFLICT (name) DO UPDATE
                    SET advertise_url = excluded.advertise_url, certificate_sha256 = excluded.certificate_sha256,
                        capacity_cameras = excluded.capacity_cameras, instance_id = excluded.instance_id,
                        registered_at = excluded.registered_at, last_heartbeat = excluded.last_heartbeat
                    WHERE n.instance_id = excluded.instance_id
                       OR n.certificate_sha256 = excluded.certificate_sha256
                       OR n.last_heartbeat < clock_timestamp() - \(timeout) * interval '1 millisecond'
                RETURNING name
                """, logger: database.logger)
            return try await rows.decode(String.self).first { _ in true } != nil
        }
        guard registered else { throw try await node.nameInUse(operation) }
        return node
    }

    /// Records that this instance is alive, and returns the database's clock at that moment
    /// (for measuring this machine's clock offset). Throws `isNodeReplaced` when another
    /// instance has taken the name since.
    @discardableResult
    public func heartbeat() async throws -> Date {
        let operation = "heartbeat of node \(name)"
        let time = try await database.withConnection(operation) { connection in
            let rows = try await connection.query("""
                UPDATE nodes SET last_heartbeat = clock_timestamp()
                WHERE name = \(name) AND instance_id = \(instance)
                RETURNING last_heartbeat
                """, logger: database.logger)
            return try await rows.decode(Date.self).first { _ in true }
        }
        guard let time else { throw replaced(operation) }
        return time
    }

    /// The refusal for an instance whose name another instance has registered since.
    func replaced(_ operation: String) -> ClusterError {
        ClusterError(.nodeReplaced, operation, database: database.configuration.address,
                     detail: "another instance has registered node \(name) since this one's last heartbeat; "
                         + "this process must stop recording as \(name)")
    }

    /// The refusal for a name held by a live instance, naming it and its last heartbeat.
    private func nameInUse(_ operation: String) async throws -> ClusterError {
        let holder = try await database.withConnection(operation) { connection in
            let rows = try await connection.query("""
                SELECT advertise_url, extract(epoch FROM clock_timestamp() - last_heartbeat)::float8
                FROM nodes WHERE name = \(name)
                """, logger: database.logger)
            return try await rows.decode((String, Double).self).first { _ in true }
        }
        let seen = holder.map { "advertising \($0.0), last heartbeat \(String(format: "%.1f", $0.1)) s ago by the database's clock" } ?? "gone meanwhile"
        return ClusterError(.nodeNameInUse, operation, database: database.configuration.address,
                            detail: "node name \(name) is in use by another running instance (\(seen)); give this node "
                                + "another cluster.node.name, or stop the other one (its name is free \(rules.nodeTimeout) "
                                + "after its last heartbeat)")
    }
}
