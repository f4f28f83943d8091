import Hummingbird
import VeilLive

/// `GET /cameras/{name}/live.m3u8` and its segments under `/cameras/{name}/live/`: the
/// camera's redacted encoder output as HLS (fMP4, about 1 s per segment), from memory.
struct LiveRoutes {
    let services: ConsoleServices

    static let playlistType = "application/vnd.apple.mpegurl"

    func add(to router: Router<ConsoleContext>) {
        router.get("/cameras/:name/live.m3u8") { _, context in
            let live = try stream(context)
            guard let playlist = live.playlist() else {
                return Reply.error(.serviceUnavailable, "no live video yet: the camera is connecting or its first segment is not finished")
            }
            return Reply.text(playlist, type: Self.playlistType)
        }
        router.get("/cameras/:name/live/:file") { _, context in
            let live = try stream(context)
            let file = try context.parameters.require("file")
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

    private func stream(_ context: ConsoleContext) throws -> LiveStream {
        let camera = try context.parameters.require("name")
        guard let feed = services.feed(camera), let live = feed.live else {
            throw ConsoleError(.notFound, "no camera '\(camera)' is configured")
        }
        return live
    }
}
