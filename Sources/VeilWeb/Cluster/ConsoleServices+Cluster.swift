import Hummingbird
import HTTPTypes
import NIOCore

/// Where a camera's footage is, and fetching it from the node that has it.
extension ConsoleServices {
    /// Where a camera is recorded now.
    enum Placement {
        /// Here (always so on a machine alone).
        case local
        /// On another node that is running.
        case remote(ConsoleNode)
        /// Its latest holder is not running.
        case offline(String)
        /// No node records it (it is between nodes, or never was recorded).
        case unassigned
    }

    func placement(of camera: String) async throws -> Placement {
        guard let cluster else { return .local }
        async let holdings = cluster.cameras()
        async let nodes = cluster.nodes()
        guard let holder = try await holdings.first(where: { $0.camera == camera })?.node else { return .unassigned }
        if holder == cluster.nodeName { return .local }
        guard let node = try await nodes.first(where: { $0.name == holder }), node.isActive else { return .offline(holder) }
        return .remote(node)
    }

    /// The running node named `name` (this node included), or a refusal saying it is offline.
    func activeNode(_ name: String) async throws -> ConsoleNode {
        guard let cluster else { throw ConsoleError(.notFound, "this node is not in a cluster; there is no node \(name)") }
        guard let node = try await cluster.nodes().first(where: { $0.name == name }) else {
            throw ConsoleError(.notFound, "the cluster has no node \(name)")
        }
        guard node.isActive || node.name == cluster.nodeName else {
            throw ConsoleError(.serviceUnavailable, "this footage is on node \(name), which is offline; it can be played once \(name) runs again")
        }
        return node
    }

    /// `GET path` from `node`'s peer routes, answered as it answered (status, type, body); a
    /// node that cannot be reached, or presents another certificate than the cluster records,
    /// is a 502 whose message says which node and why.
    func proxy(_ path: String, to node: ConsoleNode) async throws -> Response {
        let answer = try await call(node) { try await $0.get(path, from: node) }
        var headers: HTTPFields = [.contentType: answer.contentType]
        if let disposition = answer.disposition { headers[.contentDisposition] = disposition }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: .init(byteBuffer: answer.body))
    }

    /// `request` with this node's peer client; its failure is a 502 naming the node and why.
    func call(_ node: ConsoleNode, _ request: (PeerClient) async throws -> PeerClient.Answer) async throws -> PeerClient.Answer {
        guard let peers else { throw ConsoleError(.internalServerError, "this node cannot call other nodes (no cluster)") }
        do {
            return try await request(peers)
        } catch let error as PeerError {
            throw ConsoleError(.badGateway, error.description)
        }
    }
}
