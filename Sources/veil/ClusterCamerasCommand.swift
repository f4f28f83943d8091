import ArgumentParser
import Foundation
import VeilCluster
import VeilConfig

/// `veil cluster cameras --config veil.yaml [--apply]`: make this configuration's camera list
/// the cluster's.
struct ClusterCamerasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cameras",
        abstract: "Show, or with --apply make, the difference between this configuration's cameras and the cluster's.",
        discussion: """
            Every node must list the same cameras; a node whose list differs is refused at start. \
            To change the list: edit the cameras of every node's configuration, run this with \
            --apply on one node, then restart the nodes one at a time. Cameras no longer listed \
            are retired (no node records them; their footage stays), new ones are recorded by \
            whichever node lists them and has room.
            """
    )

    @Option(help: "The YAML configuration with a cluster: section and the new camera list.")
    var config: String

    @Flag(help: "Change the cluster's list (without it, only print what would change).")
    var apply = false

    func run() async throws {
        do {
            let change = try await ClusterCommand.withDatabase(config: config) { [apply] database, configuration, _ in
                try await database.changeCameraList(to: configuration.cameras.map(\.name), apply: apply)
            }
            if change.isEmpty {
                print("the cluster's cameras are this configuration's: nothing to change")
                return
            }
            let verb = apply ? "" : "would be "
            if !change.added.isEmpty { print("\(verb)added: \(change.added.joined(separator: ", "))") }
            if !change.retired.isEmpty { print("\(verb)retired: \(change.retired.joined(separator: ", ")) (their footage stays)") }
            if !apply { print("run again with --apply to change the cluster's list") }
        } catch {
            throw reportFailure(error)
        }
    }
}
