import ArgumentParser

/// `veil cluster …`: the cluster's state in its PostgreSQL catalog.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Look at the cluster this node belongs to (cluster: in the configuration).",
        subcommands: [ClusterStatusCommand.self, ClusterCamerasCommand.self, ClusterVerifyAuditCommand.self]
    )
}
