/// A cluster-database failure: what Veil was doing, against which database (`host:port`,
/// database name and user, never the password), and what to do about it.
///
/// Callers branch on the `is…` properties, never on the text, so new kinds of failure do not
/// break them.
public struct ClusterError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable, Equatable {
        /// No TCP connection (refused, timed out, name not resolved).
        case unreachable
        /// TLS was required but failed: the server offers none, or its certificate does not verify.
        case tls
        /// The server refused the user or password.
        case authentication
        /// The named database does not exist on the server.
        case noDatabase
        /// The schema was migrated by a newer Veil than this one.
        case newerSchema
        /// The node name is held by another instance that is still alive.
        case nodeNameInUse
        /// This instance's registration was taken over (by a newer instance of the same name).
        case nodeReplaced
        /// The camera's lease expired or was taken over before this renewal.
        case leaseLost
        /// A value was refused by a constraint (bad hash, unknown camera, end before start…).
        case invalidValue
        /// The settings cannot be used as given (an unreadable CA file).
        case configuration
        /// Anything else the server or the connection reported.
        case database
    }

    let code: Code
    /// What Veil was doing, in words ("connecting", "committing segment 17 of lobby").
    public let operation: String
    /// `postgresql://user@host:port/database`, without the password.
    public let database: String
    /// The cause and what to do, in words.
    public let detail: String

    init(_ code: Code, _ operation: String, database: String, detail: String) {
        self.code = code
        self.operation = operation
        self.database = database
        self.detail = detail
    }

    public var description: String { "\(operation) failed on \(database): \(detail)" }

    /// The server could not be reached: worth retrying later; recording carries on meanwhile.
    public var isUnreachable: Bool { code == .unreachable }
    /// TLS with the server failed (no TLS offered, certificate not from the configured CA, wrong name).
    public var isTLSFailure: Bool { code == .tls }
    /// The user or password (or the database name) is wrong: retrying cannot help.
    public var isRefusedLogin: Bool { code == .authentication || code == .noDatabase }
    /// The database belongs to a newer Veil: this node must be upgraded.
    public var isNewerSchema: Bool { code == .newerSchema }
    /// Another live node instance already uses this node's name.
    public var isNodeNameInUse: Bool { code == .nodeNameInUse }
    /// This instance no longer owns its node name (another instance registered it).
    public var isNodeReplaced: Bool { code == .nodeReplaced }
    /// The lease being renewed is gone: stop treating the camera as held.
    public var isLeaseLost: Bool { code == .leaseLost }
    /// The database settings themselves are unusable (an unreadable CA file).
    public var isConfigurationError: Bool { code == .configuration }
    /// A value was refused by the schema's checks.
    public var isInvalidValue: Bool { code == .invalidValue }
}
