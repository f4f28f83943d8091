/// The cluster at a glance, as `veil cluster status` prints it: every time by the database's
/// clock, every figure from the catalog of record.
public struct ClusterStatus: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public var name: String
        public var advertise: String
        public var capacity: Int
        /// Seconds since its last heartbeat; nil once it left cleanly.
        public var heartbeatAge: Double?
        /// Cameras it holds a valid lease on.
        public var cameras: Int
    }

    public struct Camera: Sendable, Hashable {
        public var name: String
        /// The node holding a valid lease, nil when nobody records it.
        public var holder: String?
        public var generation: Int64?
        /// Seconds until the lease expires (negative: expired that long ago).
        public var leaseLeft: Double?
    }

    /// Catalogued segments (both kinds) and how many of them are overlaps, per node.
    public struct Footage: Sendable, Hashable {
        public var node: String
        public var primary: Int
        public var overlap: Int
    }

    /// Gaps of one cause: how many, and how long in all.
    public struct Gaps: Sendable, Hashable {
        public var reason: String
        public var count: Int
        public var seconds: Double
    }

    public var nodes: [Node]
    public var cameras: [Camera]
    public var footage: [Footage]
    public var gaps: [Gaps]
}
