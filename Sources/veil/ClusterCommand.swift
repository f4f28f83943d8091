import ArgumentParser
import Logging
import VeilCluster
import VeilConfig

/// `veil cluster …`: the cluster's state in its PostgreSQL catalog.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Look at the cluster this node belongs to (cluster: in the configuration).",
        subcommands: [ClusterStatusCommand.self, ClusterCamerasCommand.self, ClusterVerifyAuditCommand.self]
    )

    /// Loads `path`, which must have a `cluster:` section, and runs `body` with its database
    /// open (quietly: a command prints its own result).
    static func withDatabase<Result: Sendable>(
        config path: String, _ body: @Sendable (ClusterDatabase, VeilConfiguration, ClusterSettings) async throws -> Result
    ) async throws -> Result {
        let configuration = try VeilConfiguration.load(path: path)
        guard let cluster = configuration.cluster else {
            throw ValidationError("\(path) has no cluster: section: this node records alone")
        }
        let settings = try ClusterDatabase.Configuration(cluster, node: cluster.node.name)
        let logger = Logger(label: "veil.cluster") { _ in SwiftLogNoOpLogHandler() }
        return try await ClusterDatabase.withDatabase(settings, logger: logger) { try await body($0, configuration, cluster) }
    }
}
