import Foundation
import Hummingbird
import NIOPosix
import VeilArchive
import VeilLive
import VeilExport

/// `GET /api/cameras` (state of each camera) and `GET /api/cameras/{name}/footage?from&to`
/// (what exists: runs of redacted footage and the catalog's gaps, for the timeline). In a
/// cluster: every camera of the cluster with the node recording it, and every node's footage,
/// where footage on a node that is offline is an `offline` span, not a gap.
struct CameraRoutes {
    let services: ConsoleServices

    struct Camera: Codable {
        let name: String
        /// `connecting`, `recording`, `reconnecting`, `stopped`; in a cluster also `offline`
        /// (its node is not running), `unreachable` (its node does not answer) and `unassigned`.
        let state: String
        let fps: Double
        let width: Int
        let height: Int
        let lastFrame: Date?
        /// In a cluster: the node recording it.
        var node: String?
        /// In a cluster, when its node cannot say: why (such as "on node X, offline").
        var note: String?
    }

    struct Span: Encodable {
        let start: Date
        let end: Date
    }
    struct Gap: Encodable { let start: Date; let end: Date; let reason: String }
    /// Footage on a node that is not running: it exists, but cannot be played now.
    struct Offline: Encodable { let start: Date; let end: Date; let node: String; let note: String }
    struct Footage: Encodable {
        let camera: String
        let from: Date
        let to: Date
        let footage: [Span]
        let gaps: [Gap]
        /// Only in a cluster.
        var offline: [Offline]?
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/api/cameras") { _, _ in
            guard let cluster = services.cluster else { return Reply.json(Self.local(services.feeds)) }
            return Reply.json(try await ClusterCameraList(services: services, cluster: cluster).cameras())
        }
        router.get("/api/cameras/:name/footage") { request, context in
            let camera = try context.parameters.require("name")
            guard services.feed(camera) != nil else { return Reply.error(.notFound, "no camera '\(camera)' is configured") }
            let range = try TimeRange(request, now: services.now())
            if let cluster = services.cluster {
                return Reply.json(try await clusterFootage(camera: camera, range: range.range, cluster: cluster))
            }
            let data = services.dataDirectory
            let footage = try await NIOThreadPool.singleton.runIfActive { () -> Footage in
                let catalog = try Catalog(dataDirectory: data, readOnly: true)
                let segments = try catalog.segments(camera: camera, kind: .redacted, overlapping: range.range)
                let gaps = try catalog.gaps(camera: camera, overlapping: range.range)
                return Footage(camera: camera, from: range.range.lowerBound, to: range.range.upperBound,
                               footage: Self.runs(of: segments.map { (start: $0.start, end: $0.end) }, within: range.range),
                               gaps: gaps.map { Gap(start: $0.start, end: $0.end, reason: $0.reason.rawValue) })
            }
            return Reply.json(footage)
        }
    }

    /// This node's cameras as they are now.
    static func local(_ feeds: [CameraFeed]) -> [Camera] {
        feeds.map { feed in
            let status = feed.status
            return Camera(name: feed.camera, state: status.state.rawValue, fps: (status.fps * 10).rounded() / 10,
                          width: status.width, height: status.height, lastFrame: status.lastFrame)
        }
    }

    /// Every node's primary footage of the camera: runs on running nodes, offline spans (per
    /// node) on the others, and every node's gaps.
    private func clusterFootage(camera: String, range: Range<Date>, cluster: any ConsoleCluster) async throws -> Footage {
        async let segments = cluster.footage(camera: camera, overlapping: range)
        async let gaps = cluster.gaps(camera: camera, overlapping: range)
        async let nodes = cluster.nodes()
        let running = Set(try await nodes.filter(\.isActive).map(\.name)).union([cluster.nodeName])
        let all = try await segments
        var offline: [Offline] = []
        for segment in all where !running.contains(segment.node) {
            let start = max(segment.start, range.lowerBound), end = min(segment.end, range.upperBound)
            if let last = offline.last, last.node == segment.node, start.timeIntervalSince(last.end) <= ExportPlan.holeTolerance {
                offline[offline.count - 1] = Offline(start: last.start, end: max(last.end, end), node: last.node, note: last.note)
            } else {
                offline.append(Offline(start: start, end: end, node: segment.node, note: "on node \(segment.node), offline"))
            }
        }
        let playable = all.filter { running.contains($0.node) }.map { (start: $0.start, end: $0.end) }
        return Footage(camera: camera, from: range.lowerBound, to: range.upperBound, footage: Self.runs(of: playable, within: range),
                       gaps: try await gaps.map { Gap(start: $0.start, end: $0.end, reason: $0.reason) }, offline: offline)
    }

    /// Segments joined into continuous runs (holes up to the export's tolerance are not gaps).
    static func runs(of segments: [(start: Date, end: Date)], within range: Range<Date>) -> [Span] {
        var runs: [(start: Date, end: Date)] = []
        for segment in segments.sorted(by: { $0.start < $1.start }) {
            let start = max(segment.start, range.lowerBound), end = min(segment.end, range.upperBound)
            if let last = runs.last, start.timeIntervalSince(last.end) <= ExportPlan.holeTolerance {
                runs[runs.count - 1].end = max(last.end, end)
            } else {
                runs.append((start, end))
            }
        }
        return runs.map { Span(start: $0.start, end: $0.end) }
    }
}
