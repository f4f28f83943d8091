import Foundation
import Hummingbird
import NIOPosix
import VeilArchive

/// `GET /api/occupancy?from&to[&camera][&name]`: the stored occupancy aggregates, exactly the
/// rows (and JSON) `veil occupancy` prints: per interval and zone, line or area, counts only,
/// small figures coarsened. Nothing about any one person exists to be served.
struct OccupancyRoutes {
    let services: ConsoleServices

    func add(to router: Router<ConsoleContext>) {
        router.get("/api/occupancy") { request, _ in
            let range = try TimeRange(request, now: services.now()).range
            let query = request.uri.queryParameters
            let camera = query["camera"].map(String.init), name = query["name"].map(String.init)
            if let camera, services.feed(camera) == nil { throw ConsoleError(.notFound, "no camera '\(camera)' is configured") }
            let data = services.dataDirectory
            let records = try await NIOThreadPool.singleton.runIfActive {
                try Catalog(dataDirectory: data, readOnly: true).occupancy(camera: camera, name: name,
                                                                          from: range.lowerBound, to: range.upperBound)
            }
            return Reply.json(records)
        }
    }
}
