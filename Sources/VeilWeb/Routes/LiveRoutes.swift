import Hummingbird
import VeilLive

/// `GET /cameras/{name}/live.m3u8` and its segments under `/cameras/{name}/live/`: the
/// camera's redacted encoder output as HLS (fMP4, about 1 s per segment), from memory, or in
/// a cluster from the node that records the camera (its peer routes, the same relative URIs).
struct LiveRoutes {
    let services: ConsoleServices

    static let playlistType = "application/vnd.apple.mpegurl"

    func add(to router: Router<ConsoleContext>) {
        router.get("/cameras/:name/live.m3u8") { _, context in
            let camera = try context.parameters.require("name")
            if let node = try await remoteHolder(of: camera) {
                return try await services.proxy(PeerRoutes.path("cameras", camera, "live.m3u8"), to: node)
            }
            return try Self.playlist(try stream(camera))
        }
        router.get("/cameras/:name/live/:file") { _, context in
            let camera = try context.parameters.require("name"), file = try context.parameters.require("file")
            if let node = try await remoteHolder(of: camera) {
                return try await services.proxy(PeerRoutes.path("cameras", camera, "live", file), to: node)
            }
            return try Self.file(file, of: try stream(camera))
        }
    }

    /// The node recording `camera` when it is another one; nil when it is this one (or alone).
    private func remoteHolder(of camera: String) async throws -> ConsoleNode? {
        switch try await services.placement(of: camera) {
        case .local: return nil
        case .remote(let node): return node
        case .offline(let node):
            throw ConsoleError(.serviceUnavailable, "camera '\(camera)' is on node \(node), offline: no live video until \(node) or another node records it")
        case .unassigned:
            throw ConsoleError(.serviceUnavailable, "no node records camera '\(camera)' now; it is moving between nodes, or none has room for it")
        }
    }

    /// This node's live stream of `camera`.
    func stream(_ camera: String) throws -> LiveStream {
        guard let feed = services.feed(camera), let live = feed.live else {
            throw ConsoleError(.notFound, "no camera '\(camera)' is configured")
        }
        return live
    }

    static func playlist(_ live: LiveStream) throws -> Response {
        guard let playlist = live.playlist() else {
            return Reply.error(.serviceUnavailable, "no live video yet: the camera is connecting or its first segment is not finished")
        }
        return Reply.text(playlist, type: playlistType)
    }

    static func file(_ file: String, of live: LiveStream) throws -> Response {
        if file.hasPrefix("init-"), file.hasSuffix(".mp4"), let number = Int(file.dropFirst(5).dropLast(4)),
           let bytes = live.initialization(number) {
            return Reply.bytes(bytes, type: "video/mp4")
        }
        if file.hasSuffix(".m4s"), let sequence = Int(file.dropLast(4)), let segment = live.segment(sequence) {
            return Reply.bytes(segment.bytes, type: "video/iso.segment")
        }
        return Reply.error(.notFound, "\(file) is not in the live window (it keeps the last \(live.capacity) segments)")
    }
}
