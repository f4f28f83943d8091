import ArgumentParser
import Foundation
import VeilArchive
import VeilCluster
import VeilConfig

/// `veil cluster status --config veil.yaml`: nodes, who records which camera, footage and gaps
/// across the cluster, and this node's own outbox.
struct ClusterStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the cluster's nodes, which node records each camera, and the gaps on record.",
        discussion: """
            Reads the cluster's PostgreSQL (read-only) and this node's catalog for rows not yet \
            sent to it. Times are by the database's clock.
            """
    )

    @Option(help: "The YAML configuration with a cluster: section.")
    var config: String

    func run() async throws {
        do {
            let (status, configuration, cluster, address) = try await ClusterCommand.withDatabase(config: config) {
                database, configuration, cluster in
                (try await database.status(), configuration, cluster, database.configuration.address)
            }
            let backlog = try? Catalog(dataDirectory: configuration.dataDirectory, readOnly: true).outboxBacklog()
            print(ClusterStatusReport.lines(status, database: address, node: cluster.node.name, backlog: backlog)
                .joined(separator: "\n"))
        } catch {
            throw reportFailure(error)
        }
    }
}

/// The text of `veil cluster status`.
enum ClusterStatusReport {
    static func lines(_ status: ClusterStatus, database: String, node: String, backlog: Int?) -> [String] {
        var lines = ["cluster catalog \(database)", "nodes"]
        let timeout = Double(LeaseRules().nodeTimeout.components.seconds)
        for member in status.nodes {
            let state = member.heartbeatAge.map { $0 < timeout ? "up, heartbeat \(seconds($0)) ago" : "silent for \(seconds($0))" } ?? "left"
            lines.append("  \(member.name)\(member.name == node ? " (this node)" : "")  \(member.advertise)  \(state)  "
                         + "records \(member.cameras) of \(member.capacity) offered")
        }
        lines.append("cameras")
        for camera in status.cameras {
            let holder = camera.holder.map { "recorded by \($0) (lease generation \(camera.generation ?? 0), "
                + "\(seconds(camera.leaseLeft ?? 0)) left)" } ?? "NOT RECORDED: no node holds its lease"
            lines.append("  \(camera.name)  \(holder)")
        }
        lines.append("segments")
        if status.footage.isEmpty { lines.append("  none catalogued yet") }
        for footage in status.footage {
            lines.append("  \(footage.node)  \(footage.primary) primary, \(footage.overlap) overlap")
        }
        lines.append("gaps")
        if status.gaps.isEmpty { lines.append("  none") }
        for gap in status.gaps { lines.append("  \(gap.reason)  \(gap.count), \(seconds(gap.seconds)) in all") }
        if let backlog { lines.append("this node's outbox: \(backlog) row\(backlog == 1 ? "" : "s") not yet sent") }
        return lines
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
}
