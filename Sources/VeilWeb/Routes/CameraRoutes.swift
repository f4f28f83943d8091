import Foundation
import Hummingbird
import NIOPosix
import VeilArchive
import VeilLive
import VeilExport

/// `GET /api/cameras` (state of each camera) and `GET /api/cameras/{name}/footage?from&to`
/// (what exists: runs of redacted footage and the catalog's gaps, for the timeline).
struct CameraRoutes {
    let services: ConsoleServices

    struct Camera: Encodable {
        let name: String
        let state: CameraFeed.State
        let fps: Double
        let width: Int
        let height: Int
        let lastFrame: Date?
    }

    struct Span: Encodable { let start: Date; let end: Date }
    struct Gap: Encodable { let start: Date; let end: Date; let reason: String }
    struct Footage: Encodable { let camera: String; let from: Date; let to: Date; let footage: [Span]; let gaps: [Gap] }

    func add(to router: Router<ConsoleContext>) {
        router.get("/api/cameras") { _, _ in
            Reply.json(services.feeds.map { feed in
                let status = feed.status
                return Camera(name: feed.camera, state: status.state, fps: (status.fps * 10).rounded() / 10,
                              width: status.width, height: status.height, lastFrame: status.lastFrame)
            })
        }
        router.get("/api/cameras/:name/footage") { request, context in
            let camera = try context.parameters.require("name")
            guard services.feed(camera) != nil else { return Reply.error(.notFound, "no camera '\(camera)' is configured") }
            let range = try TimeRange(request, now: services.now())
            let data = services.dataDirectory
            let footage = try await NIOThreadPool.singleton.runIfActive { () -> Footage in
                let catalog = try Catalog(dataDirectory: data, readOnly: true)
                let segments = try catalog.segments(camera: camera, kind: .redacted, overlapping: range.range)
                let gaps = try catalog.gaps(camera: camera, overlapping: range.range)
                return Footage(camera: camera, from: range.range.lowerBound, to: range.range.upperBound,
                               footage: Self.runs(of: segments, within: range.range),
                               gaps: gaps.map { Gap(start: $0.start, end: $0.end, reason: $0.reason.rawValue) })
            }
            return Reply.json(footage)
        }
    }

    /// Segments joined into continuous runs (holes up to the export's tolerance are not gaps).
    static func runs(of segments: [SegmentRecord], within range: Range<Date>) -> [Span] {
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
