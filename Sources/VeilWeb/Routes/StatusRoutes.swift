import Foundation
import Hummingbird
import NIOPosix
import VeilArchive
import VeilLive

/// `GET /api/status` (admin): per camera its state and how much redacted and raw footage the
/// catalog holds, and the data directory's free space. Counts and sizes only, no footage.
struct StatusRoutes {
    let services: ConsoleServices

    struct Camera: Encodable {
        let name: String
        let state: String
        let fps: Double
        let lastFrame: Date?
        let redactedSegments: Int
        let redactedBytes: Int64
        let redactedFrom: Date?
        let redactedTo: Date?
        let rawSegments: Int
        let rawBytes: Int64
        let gaps: Int
    }

    struct Status: Encodable {
        let cameras: [Camera]
        let freeBytes: Int64?
        let totalBytes: Int64?
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/api/status") { _, _ in
            let data = services.dataDirectory, feeds = services.feeds
            return Reply.json(try await NIOThreadPool.singleton.runIfActive { () -> Status in
                let summaries = try Catalog(dataDirectory: data, readOnly: true).summary()
                let cameras = feeds.map { feed -> Camera in
                    let summary = summaries.first { $0.camera == feed.camera } ?? CameraSummary(camera: feed.camera)
                    let status = feed.status
                    return Camera(name: feed.camera, state: status.state.rawValue, fps: status.fps, lastFrame: status.lastFrame,
                                  redactedSegments: summary.redacted.segmentCount, redactedBytes: summary.redacted.bytes,
                                  redactedFrom: summary.redacted.footage?.oldest, redactedTo: summary.redacted.footage?.newest,
                                  rawSegments: summary.raw.segmentCount, rawBytes: summary.raw.bytes, gaps: summary.gapCount)
                }
                let space = try? FileManager.default.attributesOfFileSystem(forPath: data)
                return Status(cameras: cameras, freeBytes: (space?[.systemFreeSize] as? NSNumber)?.int64Value,
                              totalBytes: (space?[.systemSize] as? NSNumber)?.int64Value)
            })
        }
    }
}
