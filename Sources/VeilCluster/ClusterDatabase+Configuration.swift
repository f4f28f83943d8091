import NIOSSL
import PostgresNIO

extension ClusterDatabase {
    /// Where the cluster's PostgreSQL is and how to log in: the later `cluster.database` section
    /// of the configuration, with the password already read from its file.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The database's name on the server (it must exist; Veil creates tables, not databases).
        public var database: String
        public var user: String
        public var password: String
        /// PEM file of the CA that signed the server's certificate; TLS is then required and the
        /// certificate verified against it and `host`. `nil` connects without TLS (loopback only).
        public var certificateAuthorityFile: String?
        /// How long to wait for a TCP connection before calling the server unreachable.
        public var connectTimeout: Duration
        /// PostgreSQL's `application_name` for these connections: shown in `pg_stat_activity` and
        /// recorded in `schema_version.applied_by`, so an operator sees which node did what.
        public var applicationName: String

        public init(host: String, port: Int = 5432, database: String, user: String, password: String,
                    certificateAuthorityFile: String? = nil, connectTimeout: Duration = .seconds(5),
                    applicationName: String = "veil") {
            self.host = host
            self.port = port
            self.database = database
            self.user = user
            self.password = password
            self.certificateAuthorityFile = certificateAuthorityFile
            self.connectTimeout = connectTimeout
            self.applicationName = applicationName
        }

        /// `postgresql://user@host:port/database`: how errors and logs name the database (no password).
        public var address: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

        /// TLS settings for both the first connection and the pool; `nil` without a CA file.
        var tlsConfiguration: TLSConfiguration? {
            guard let certificateAuthorityFile else { return nil }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(certificateAuthorityFile)
            return tls
        }
    }
}
