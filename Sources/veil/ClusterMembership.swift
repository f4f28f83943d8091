import Foundation
import Logging
import VeilCluster
import VeilConfig

/// That a data directory belongs to a cluster node, and where that node's configuration is:
/// `<data>/cluster/membership.json`, written by `veil record` each time it starts as a node and
/// removed when it starts alone. Commands that act on the data directory (unlock, holds, user and
/// officer changes) read it to reach the cluster's database, so an operator who forgets
/// `--config` still cannot act outside the cluster's audit trail.
struct ClusterMembership: Codable {
    var node: String
    /// The YAML configuration `veil record` was started with (absolute).
    var configuration: String

    static func path(dataDirectory: String) -> String { dataDirectory + "/cluster/membership.json" }

    /// Records that `dataDirectory` is node `node`'s, configured by `configuration`.
    static func record(node: String, configuration path: String, dataDirectory: String) throws {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let data = try JSONEncoder().encode(ClusterMembership(node: node, configuration: absolute))
        let file = Self.path(dataDirectory: dataDirectory)
        try FileManager.default.createDirectory(atPath: dataDirectory + "/cluster", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try data.write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    /// `dataDirectory` records alone from now on.
    static func forget(dataDirectory: String) {
        try? FileManager.default.removeItem(atPath: path(dataDirectory: dataDirectory))
    }

    /// The membership of `dataDirectory`, nil for a machine that records alone.
    static func of(dataDirectory: String) throws -> ClusterMembership? {
        let file = path(dataDirectory: dataDirectory)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        guard let membership = try? JSONDecoder().decode(ClusterMembership.self, from: data) else {
            throw CommandFailure("\(file) is damaged; start this node's 'veil record' once to write it again")
        }
        return membership
    }

    /// The node's cluster settings, read from its configuration now.
    func settings() throws -> ClusterSettings {
        let loaded: VeilConfiguration
        do {
            loaded = try VeilConfiguration.load(path: configuration)
        } catch {
            throw CommandFailure("this data directory belongs to cluster node \(node), whose configuration \(configuration) "
                                 + "cannot be loaded: \(error)")
        }
        guard let cluster = loaded.cluster else {
            throw CommandFailure("this data directory belongs to cluster node \(node), but its configuration \(configuration) "
                                 + "has no cluster: section any more; start 'veil record' with it once to record alone")
        }
        return cluster
    }

    /// How to reach the cluster's database, read from the node's configuration now.
    func databaseConfiguration() throws -> ClusterDatabase.Configuration {
        try ClusterDatabase.Configuration(try settings(), node: node)
    }
}
