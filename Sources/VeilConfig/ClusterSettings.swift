/// Cluster mode (`cluster:`): this node's name and address, and the PostgreSQL database that
/// holds the cluster's catalog of record. Absent (the default): one machine, the embedded
/// SQLite catalog, exactly as without it. docs/cluster.md has the design.
public struct ClusterSettings: Sendable, Hashable {
    /// Where the catalog of record lives.
    public struct Database: Sendable, Hashable {
        public var host: String
        /// TCP port, 1–65535. Default 5432.
        public var port: Int
        /// The database's name.
        public var name: String
        public var user: String
        /// A file holding the password (its first line); absolute after loading.
        public var passwordFile: String
        /// The CA certificate (PEM) the server's certificate must chain to; nil: no TLS, which
        /// only a loopback host may use.
        public var certificateAuthority: String?

        public init(host: String, port: Int = 5432, name: String, user: String, passwordFile: String,
                    certificateAuthority: String? = nil) {
            self.host = host
            self.port = port
            self.name = name
            self.user = user
            self.passwordFile = passwordFile
            self.certificateAuthority = certificateAuthority
        }
    }

    /// This node as the other nodes know it.
    public struct Node: Sendable, Hashable {
        /// Unique in the cluster; the camera-name rule (`CameraName.rule`).
        public var name: String
        /// `https://host:port`: where the other nodes reach this node's footage.
        public var advertiseHost: String
        public var advertisePort: Int
        /// How many cameras this node offers to record (0…10000); nil: all of them. Cameras
        /// are shared among the live nodes in proportion to it.
        public var capacity: Int?

        public init(name: String, advertiseHost: String, advertisePort: Int, capacity: Int? = nil) {
            self.name = name
            self.advertiseHost = advertiseHost
            self.advertisePort = advertisePort
            self.capacity = capacity
        }

        /// The advertised address as configured.
        public var advertise: String {
            "https://\(advertiseHost.contains(":") ? "[\(advertiseHost)]" : advertiseHost):\(advertisePort)"
        }
    }

    public var database: Database
    public var node: Node

    public init(database: Database, node: Node) {
        self.database = database
        self.node = node
    }
}
