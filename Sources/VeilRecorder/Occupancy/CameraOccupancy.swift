package import Foundation
package import Logging
import VeilArchive
package import VeilCore
import VeilMedia
package import VeilOccupancy
package import VeilMetrics
import VeilPipeline
import VeilVault
package import VeilVision

/// One camera's anonymous counting while it records: each redacted frame's person tracks
/// go through the counter (in memory, for that frame only), exact live figures go to the
/// metrics, finished intervals — coarsened — to the catalog, and the camera's share to the
/// building areas. Used from the camera's redact thread only (one connection at a time);
/// `finish()` after the camera stopped.
package final class CameraOccupancy: @unchecked Sendable {
    let camera: String
    let layout: CountingLayout
    private var counting: PersonCounting
    private var intervals: IntervalAccumulator
    private var watches: [CapacityWatch?]
    private let live: OccupancyMetrics
    private let sink: OccupancySink
    private let areas: OccupancyAreas
    private let clock: SteadyWallClock
    private let logger: Logger

    package init(camera: String, layout: CountingLayout, tracking: TrackerConfiguration, interval: TimeInterval, sink: OccupancySink,
         areas: OccupancyAreas, registry: MetricsRegistry, clock: SteadyWallClock, logger: Logger) {
        self.camera = camera
        self.layout = layout
        counting = PersonCounting(layout: layout, tracking: tracking)
        intervals = IntervalAccumulator(camera: camera, subjects: layout.subjects, length: interval)
        watches = layout.zones.map { $0.capacity.map(CapacityWatch.init) }
        live = OccupancyMetrics(camera: camera, layout: layout, registry: registry)
        self.sink = sink
        self.areas = areas
        self.clock = clock
        var logger = logger
        logger[metadataKey: "camera"] = "\(camera)"
        self.logger = logger
    }

    /// Counts the people the redactor observed on `frame`, which gives its size and the time its
    /// packet arrived, which decides its interval.
    func count(_ observation: FrameObservation, frame: Frame) {
        count(frame: observation.index, size: Size(width: Double(frame.width), height: Double(frame.height)),
              detections: observation.people, at: wallTime(of: frame.packetReadTime))
    }

    /// Counts frame `index` of a redactor's stream from what its person detector found there.
    package func count(frame index: Int, size: Size, detections: [Detection]?, at time: Date) {
        let count = counting.count(frame: index, size: size, detections: detections)
        live.show(count)
        for (index, people) in count.people.enumerated() {
            guard let change = watches[index]?.observe(people: people) else { continue }
            reportCapacity(change, zone: layout.zones[index])
        }
        sink.store(intervals.add(count.observations, at: time))
        areas.record(camera: camera, layout: layout, count: count, at: time)
    }

    /// Stores the interval in progress (the recorder is stopping).
    package func finish() {
        sink.store(intervals.finish())
    }

    private func reportCapacity(_ change: CapacityChange, zone: CountingZone) {
        let capacity = zone.capacity ?? 0
        live.overCapacity(zone: zone.name, change == .exceeded)
        switch change {
        case .exceeded:
            logger.warning("occupancy over capacity", metadata: ["zone": "\(zone.name)", "capacity": "\(capacity)"])
        case .restored:
            logger.notice("occupancy back within capacity", metadata: ["zone": "\(zone.name)", "capacity": "\(capacity)"])
        }
    }

    /// The recorder's wall time when the frame's packet arrived (now if unknown).
    private func wallTime(of readTime: ContinuousClock.Instant?) -> Date {
        let now = clock.now()
        guard let readTime else { return now }
        return now.addingTimeInterval(-max(0, readTime.duration(to: .now).inSeconds))
    }
}
