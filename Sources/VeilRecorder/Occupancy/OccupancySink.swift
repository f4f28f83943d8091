import Logging
import VeilArchive
import VeilOccupancy

/// Where finished intervals go: coarsened into the catalog's occupancy table. A failed write
/// is logged (without figures) and the interval lost; counting goes on.
struct OccupancySink: Sendable {
    let store: SegmentStore
    let minimumCount: Int
    let logger: Logger

    func store(_ intervals: [IntervalFigures]) {
        guard !intervals.isEmpty else { return }
        do {
            try store.catalogWrite { try store.catalog.recordOccupancy(intervals, minimumCount: minimumCount) }
        } catch {
            logger.error("cannot store occupancy figures in the catalog", metadata: ["error": "\(error)"])
        }
    }
}
