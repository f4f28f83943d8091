import Foundation
import Hummingbird
import NIOPosix
import VeilArchive
import VeilLive
import VeilExport

/// `GET /cameras/{name}/recorded.m3u8?from&to`: an HLS VOD playlist over the redacted
/// segments of the range (the same GOPs a keyframe export keeps), each segment remuxed to
/// fMP4 on request under `/cameras/{name}/recorded/{id}/`.
struct RecordedRoutes {
    let services: ConsoleServices

    func add(to router: Router<ConsoleContext>) {
        router.get("/cameras/:name/recorded.m3u8") { request, context in
            let camera = try context.parameters.require("name")
            let range = try TimeRange(request, now: services.now()).range
            let playback = RecordedPlayback(dataDirectory: services.dataDirectory)
            let plan = try await NIOThreadPool.singleton.runIfActive { try playback.plan(camera: camera, from: range.lowerBound, to: range.upperBound) }
            return Reply.text(Self.playlist(plan, range: range), type: LiveRoutes.playlistType)
        }
        router.get("/cameras/:name/recorded/:id/:file") { request, context in
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
    }

    /// One entry per segment, each with its own initialisation segment (each was encoded on
    /// its own), separated by discontinuities; durations from the catalog.
    static func playlist(_ plan: ExportPlan, range: Range<Date>) -> String {
        let query = "from=\(HLSTime.programDate(range.lowerBound))&to=\(HLSTime.programDate(range.upperBound))"
        let durations = plan.segments.map { max(0.001, min($0.end, range.upperBound).timeIntervalSince(max($0.start, range.lowerBound))) }
        var lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-PLAYLIST-TYPE:VOD",
                     "#EXT-X-TARGETDURATION:\(Int((durations.max() ?? 1).rounded(.up)) + 2)", "#EXT-X-MEDIA-SEQUENCE:0"]
        for (index, segment) in plan.segments.enumerated() {
            if index > 0 { lines.append("#EXT-X-DISCONTINUITY") }
            lines.append("#EXT-X-MAP:URI=\"recorded/\(segment.id.rawValue)/init.mp4?\(query)\"")
            lines.append("#EXT-X-PROGRAM-DATE-TIME:\(HLSTime.programDate(max(segment.start, range.lowerBound)))")
            lines.append(String(format: "#EXTINF:%.3f,", durations[index]))
            lines.append("recorded/\(segment.id.rawValue)/media.m4s?\(query)")
        }
        lines.append("#EXT-X-ENDLIST")
        return lines.joined(separator: "\n") + "\n"
    }
}
