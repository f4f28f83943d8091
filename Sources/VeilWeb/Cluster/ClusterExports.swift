import Foundation
import HTTPTypes
import NIOCore

/// An export the console of one node asks of the node that recorded the range: that node cuts
/// the clip from its own segments, signs the manifest with its own export key (the manifest
/// names it), keeps the clip on its export shelf for the user, and audits the act as
/// `web:USER via node ASKING`.
struct PeerExportOrder: Codable, Sendable {
    let camera: String
    let from: Date
    let to: Date
    let exact: Bool
    /// The staff member the export is for (the asking node's login).
    let user: String
    /// The asking node.
    let via: String
}

/// Exports in a cluster: which node cuts a range, asking it, and reaching the clip it made.
struct ClusterExports {
    let services: ConsoleServices

    /// Cutting an hour's clip takes minutes on a loaded node.
    static let timeout = TimeAmount.minutes(15)

    /// The other node that recorded the range's primary footage; nil when this node did (or on
    /// a machine alone). A range recorded by several nodes is refused: one node cuts one clip.
    func owner(of camera: String, range: Range<Date>) async throws -> ConsoleNode? {
        guard let cluster = services.cluster else { return nil }
        let owners = Set(try await cluster.footage(camera: camera, overlapping: range).map(\.node))
        guard owners.count <= 1 else {
            throw ConsoleError(.conflict, "camera '\(camera)' was recorded in this range on nodes \(owners.sorted().joined(separator: ", ")), "
                               + "and a clip is cut by one node: export each node's part on its own (the footage timeline shows the nodes)")
        }
        guard let owner = owners.first, owner != cluster.nodeName else { return nil }
        guard let node = try await cluster.nodes().first(where: { $0.name == owner }), node.isActive else {
            throw ConsoleError(.serviceUnavailable, "camera '\(camera)''s footage of this range is on node \(owner), which is offline; "
                               + "it can be exported once \(owner) runs again")
        }
        return node
    }

    /// Asks `node` to cut the clip; its answer, with the clip's and manifest's addresses on this
    /// console (`/nodes/{node}/exports/{id}/…`, fetched from that node).
    func export(_ order: PeerExportOrder, on node: ConsoleNode) async throws -> ExportRoutes.Made {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let answer = try await services.call(node) {
            try await $0.post(PeerRoutes.path("exports"), json: Array(try encoder.encode(order)), to: node, timeout: Self.timeout)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let body = Data(answer.body.readableBytesView)
        guard answer.status == 201, let made = try? decoder.decode(ExportRoutes.Made.self, from: body) else {
            let message = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String ?? "status \(answer.status)"
            throw ConsoleError(HTTPResponse.Status(code: answer.status == 201 ? 502 : answer.status),
                               "node \(node.name), which recorded this range, could not export it: \(message)")
        }
        let base = "/nodes/\(node.name)/exports/\(made.id)"
        return ExportRoutes.Made(id: made.id, clip: base + "/clip.mp4", manifest: base + "/manifest.json", actualFrom: made.actualFrom,
                                 actualTo: made.actualTo, frames: made.frames, bytes: made.bytes, gaps: made.gaps, node: node.name)
    }
}
