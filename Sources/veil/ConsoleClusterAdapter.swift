import Foundation
import VeilCluster
import VeilWeb

/// The console's view of the cluster (``ConsoleCluster``), read from PostgreSQL through this
/// node's `ClusterNode`.
struct ConsoleClusterAdapter: ConsoleCluster {
    let node: ClusterNode

    var nodeName: String { node.name }

    func nodes() async throws -> [ConsoleNode] {
        try await node.peers().map {
            ConsoleNode(name: $0.name, advertise: $0.advertise, certificateSHA256: $0.certificateSHA256, isActive: $0.isActive)
        }
    }

    func cameras() async throws -> [ConsoleCameraHolding] {
        try await node.cameraHoldings().map { ConsoleCameraHolding(camera: $0.camera, node: $0.node, isValid: $0.isValid) }
    }

    func footage(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleSegment] {
        try await node.footage(camera: camera, overlapping: range).map {
            ConsoleSegment(node: $0.node, localID: $0.localID, start: $0.start, end: $0.end)
        }
    }

    func gaps(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleGap] {
        try await node.gaps(camera: camera, overlapping: range).map {
            ConsoleGap(node: $0.node, start: $0.start, end: $0.end, reason: $0.reason)
        }
    }
}
