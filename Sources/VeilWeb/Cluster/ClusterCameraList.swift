import Foundation
import NIOCore

/// `GET /api/cameras` in a cluster: every camera of the cluster with the node recording it,
/// and that node's own account of it (asked over its peer routes, all nodes at once, briefly),
/// or why there is none.
struct ClusterCameraList {
    let services: ConsoleServices
    let cluster: any ConsoleCluster

    /// How long a node may take to list its cameras before it is shown as unreachable.
    static let timeout = TimeAmount.seconds(4)

    func cameras() async throws -> [CameraRoutes.Camera] {
        async let holdings = cluster.cameras()
        async let nodeList = cluster.nodes()
        let nodes = Dictionary(try await nodeList.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let holdingList = try await holdings
        let here = cluster.nodeName
        let asked = Set(holdingList.compactMap(\.node)).filter { $0 != here && nodes[$0]?.isActive == true }
        var answers: [String: Result<[CameraRoutes.Camera], PeerError>] = [:]
        await withTaskGroup(of: (String, Result<[CameraRoutes.Camera], PeerError>).self) { group in
            for name in asked {
                guard let node = nodes[name] else { continue }
                group.addTask { (name, await list(of: node)) }
            }
            for await (name, answer) in group { answers[name] = answer }
        }
        let local = Dictionary(CameraRoutes.local(services.feeds).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return holdingList.map { holding in
            func placeholder(_ state: String, _ note: String) -> CameraRoutes.Camera {
                CameraRoutes.Camera(name: holding.camera, state: state, fps: 0, width: 0, height: 0, lastFrame: nil,
                                    node: holding.node, note: note)
            }
            guard let node = holding.node else { return placeholder("unassigned", "no node records it now") }
            if node == here, var camera = local[holding.camera] {
                camera.node = node
                return camera
            }
            guard nodes[node]?.isActive == true else { return placeholder("offline", "on node \(node), offline") }
            switch answers[node] {
            case .success(let cameras)?:
                guard var camera = cameras.first(where: { $0.name == holding.camera }) else {
                    return placeholder("unreachable", "node \(node) does not list it")
                }
                camera.node = node
                return camera
            case .failure(let error)?: return placeholder("unreachable", "on node \(node), which does not answer: \(error.description)")
            case nil: return placeholder("unassigned", "no node records it now")
            }
        }
    }

    private func list(of node: ConsoleNode) async -> Result<[CameraRoutes.Camera], PeerError> {
        guard let peers = services.peers else {
            return .failure(PeerError(code: .unreachable, node: node.name, description: "this node cannot call other nodes"))
        }
        do {
            let answer = try await peers.get(PeerRoutes.path("cameras"), from: node, timeout: Self.timeout)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard answer.status == 200, let cameras = try? decoder.decode([CameraRoutes.Camera].self, from: Data(answer.body.readableBytesView)) else {
                return .failure(PeerError(code: .badAnswer, node: node.name, description:
                    "node \(node.name) answered its camera list with status \(answer.status) and no list"))
            }
            return .success(cameras)
        } catch let error as PeerError {
            return .failure(error)
        } catch {
            return .failure(PeerError.unreachable(node: node.name, url: node.advertise, error))
        }
    }
}
