import Foundation
import Hummingbird
import NIOPosix
import VeilArchive
import VeilLive
import VeilExport

/// `GET /cameras/{name}/recorded.m3u8?from&to`: an HLS VOD playlist over the redacted
/// segments of the range (the same GOPs a keyframe export keeps), each segment remuxed to
/// fMP4 on request under `/cameras/{name}/recorded/{id}/` by the node that recorded it. In a
/// cluster the segments are the primary ones of every node, in time order, so a camera that
/// moved plays as one timeline; each entry names its node (`nodes/{node}/recorded/{id}/`) and is
/// fetched from it. Segments on a node that is offline are left out (the footage API shows them).
struct RecordedRoutes {
    let services: ConsoleServices

    /// One playlist entry: the segment's path relative to the playlist, and its times.
    struct Entry {
        let path: String
        let start: Date
        let end: Date
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/cameras/:name/recorded.m3u8") { request, context in
            let camera = try context.parameters.require("name")
            let range = try TimeRange(request, now: services.now()).range
            let entries: [Entry]
            if let cluster = services.cluster {
                entries = try await clusterEntries(camera: camera, range: range, cluster: cluster)
            } else {
                let playback = RecordedPlayback(dataDirectory: services.dataDirectory)
                let plan = try await NIOThreadPool.singleton.runIfActive { try playback.plan(camera: camera, from: range.lowerBound, to: range.upperBound) }
                entries = plan.segments.map { Entry(path: "recorded/\($0.id.rawValue)", start: $0.start, end: $0.end) }
            }
            return Reply.text(Self.playlist(entries, range: range), type: LiveRoutes.playlistType)
        }
        router.get("/cameras/:name/recorded/:id/:file") { request, context in
            try await Self.fragment(request, context, services: services)
        }
        router.get("/cameras/:name/nodes/:node/recorded/:id/:file") { request, context in
            let node = try context.parameters.require("node")
            if node == services.cluster?.nodeName { return try await Self.fragment(request, context, services: services) }
            let camera = try context.parameters.require("name"), id = try context.parameters.require("id")
            let file = try context.parameters.require("file")
            let peer = try await services.activeNode(node)
            return try await services.proxy(PeerRoutes.path("cameras", camera, "recorded", id, file, query: request.uri.query), to: peer)
        }
    }

    /// The primary segments of every node whose node runs; a range whose footage is all on
    /// offline nodes is refused saying so.
    private func clusterEntries(camera: String, range: Range<Date>, cluster: any ConsoleCluster) async throws -> [Entry] {
        async let segments = cluster.footage(camera: camera, overlapping: range)
        async let nodes = cluster.nodes()
        let running = Set(try await nodes.filter(\.isActive).map(\.name)).union([cluster.nodeName])
        let all = try await segments
        let playable = all.filter { running.contains($0.node) }
        if playable.isEmpty {
            let offline = Set(all.map(\.node)).sorted()
            guard offline.isEmpty else {
                throw ConsoleError(.serviceUnavailable, "camera '\(camera)''s footage of this range is on node \(offline.joined(separator: ", ")), "
                                   + "offline; it can be played once that node runs again")
            }
            throw ConsoleError(.notFound, "camera '\(camera)' has no recorded footage between \(HLSTime.programDate(range.lowerBound)) "
                               + "and \(HLSTime.programDate(range.upperBound)) on any node of the cluster")
        }
        return playable.map { Entry(path: "nodes/\($0.node)/recorded/\($0.localID)", start: $0.start, end: $0.end) }
    }

    /// This node's redacted segment `id` of the camera, the part of it in the range, as fMP4.
    static func fragment(_ request: Request, _ context: ConsoleContext, services: ConsoleServices) async throws -> Response {
        let camera = try context.parameters.require("name")
        guard let id = Int64(try context.parameters.require("id")) else { throw ConsoleError(.notFound, "no such segment") }
        let file = try context.parameters.require("file")
        guard file == "init.mp4" || file == "media.m4s" else { throw ConsoleError(.notFound, "no such file \(file)") }
        let range = try TimeRange(request, now: services.now()).range
        let playback = RecordedPlayback(dataDirectory: services.dataDirectory)
        let fragment = try await NIOThreadPool.singleton.runIfActive { () -> RecordedPlayback.Fragment in
            guard let segment = try playback.segment(SegmentID(rawValue: id), camera: camera) else {
                throw ConsoleError(.notFound, "camera '\(camera)' has no redacted segment \(id) (it may have expired)")
            }
            return try playback.fragment(of: segment, overlapping: range)
        }
        return file == "init.mp4" ? Reply.bytes(fragment.initialization, type: "video/mp4")
            : Reply.bytes(fragment.media, type: "video/iso.segment")
    }

    /// One entry per segment, each with its own initialisation segment (each was encoded on
    /// its own), separated by discontinuities; durations from the catalog.
    static func playlist(_ entries: [Entry], range: Range<Date>) -> String {
        let query = "from=\(HLSTime.programDate(range.lowerBound))&to=\(HLSTime.programDate(range.upperBound))"
        let durations = entries.map { max(0.001, min($0.end, range.upperBound).timeIntervalSince(max($0.start, range.lowerBound))) }
        var lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-PLAYLIST-TYPE:VOD",
                     "#EXT-X-TARGETDURATION:\(Int((durations.max() ?? 1).rounded(.up)) + 2)", "#EXT-X-MEDIA-SEQUENCE:0"]
        for (index, entry) in entries.enumerated() {
            if index > 0 { lines.append("#EXT-X-DISCONTINUITY") }
            lines.append("#EXT-X-MAP:URI=\"\(entry.path)/init.mp4?\(query)\"")
            lines.append("#EXT-X-PROGRAM-DATE-TIME:\(HLSTime.programDate(max(entry.start, range.lowerBound)))")
            lines.append(String(format: "#EXTINF:%.3f,", durations[index]))
            lines.append("\(entry.path)/media.m4s?\(query)")
        }
        lines.append("#EXT-X-ENDLIST")
        return lines.joined(separator: "\n") + "\n"
    }
}
