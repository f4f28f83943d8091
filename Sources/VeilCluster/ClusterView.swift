/// What a node sees of the cluster at one moment, by the database's clock: who is alive, what
/// each offers, and who holds which camera. `LeasePlan` decides from it.
public struct ClusterView: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var name: String
        /// Cameras the node offers to record.
        public var capacity: Int
        /// Its last heartbeat is younger than two renewal intervals: it is running its rounds.
        /// A node still starting (compiling its detectors) or killed a moment ago is not, so no
        /// camera is handed to it; the longer `LeaseRules.nodeTimeout` only guards its name.
        public var isActive: Bool

        public init(name: String, capacity: Int, isActive: Bool) {
            self.name = name
            self.capacity = capacity
            self.isActive = isActive
        }
    }

    /// A camera's latest lease.
    public struct Holding: Sendable, Hashable {
        public var node: String
        public var generation: Int64
        /// Unexpired by the database's clock.
        public var isValid: Bool
        /// Given up by its holder (a hand-over), rather than left to expire.
        public var wasReleased: Bool

        public init(node: String, generation: Int64, isValid: Bool, wasReleased: Bool) {
            self.node = node
            self.generation = generation
            self.isValid = isValid
            self.wasReleased = wasReleased
        }
    }

    public var members: [Member]
    /// Every camera of the cluster.
    public var cameras: [String]
    /// The latest lease of each camera ever leased.
    public var leases: [String: Holding]

    public init(members: [Member], cameras: [String], leases: [String: Holding]) {
        self.members = members
        self.cameras = cameras
        self.leases = leases
    }

    /// Cameras held (validly) per node.
    var heldCounts: [String: Int] {
        leases.values.filter(\.isValid).reduce(into: [:]) { $0[$1.node, default: 0] += 1 }
    }
}
