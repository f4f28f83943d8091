package import Logging
package import VeilArchive
import VeilOccupancy
import VeilCore

/// Where finished intervals go: coarsened into the catalog's occupancy table. A failed write
/// is logged (without figures) and the interval lost; counting goes on.
package struct OccupancySink: Sendable {
    let store: SegmentStore
    let minimumCount: Int
    let logger: Logger

    package init(store: SegmentStore, minimumCount: Int, logger: Logger) {
        self.store = store
        self.minimumCount = minimumCount
        self.logger = logger
    }

    func store(_ intervals: [IntervalFigures]) {
        guard !intervals.isEmpty else { return }
        do {
            try store.catalogWrite { try store.catalog.recordOccupancy(intervals, minimumCount: minimumCount) }
        } catch {
            logger.error("cannot store occupancy figures in the catalog", metadata: ["error": "\(error)"])
        }
    }
}
