import ArgumentParser
import Logging
import VeilCluster
import VeilVault

/// `veil audit show [--last N] [--cluster]`.
struct AuditShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print audit entries, oldest first.",
        discussion: "With --cluster, on a cluster node: the cluster's audit chain, every node's entries, each with its node.")

    @Option(help: "Only the newest N entries.") var last: Int?
    @Flag(help: "The cluster's audit chain instead of this node's own log (a cluster node only).") var cluster = false
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        guard cluster else {
            var entries = try data.auditLog.entries()
            if let last { entries = Array(entries.suffix(max(0, last))) }
            for entry in entries {
                print("\(entry.seq)\t\(entry.time)\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.reason)")
            }
            return
        }
        guard let membership = try ClusterMembership.of(dataDirectory: data.resolved) else {
            throw CommandFailure("\(data.resolved) is not a cluster node's data directory (no cluster/membership.json): "
                                 + "without --cluster, this node's own log is shown")
        }
        let settings = try membership.databaseConfiguration()
        let rows = try await ClusterDatabase.withDatabase(settings, logger: Logger(label: "veil.cluster") { _ in SwiftLogNoOpLogHandler() }) {
            try await $0.auditEntries(last: last)
        }
        for row in rows {
            let entry = row.entry
            print("\(row.seq)\t\(row.node)#\(entry.localSeq)\t\(entry.time)\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.reason)")
        }
    }
}
