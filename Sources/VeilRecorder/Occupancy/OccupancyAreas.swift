package import Foundation
package import VeilOccupancy
package import VeilMetrics
import VeilPipeline
import VeilCore

/// The building areas, fed by every camera's thread: each area's live figure is a gauge
/// (`veil_occupancy_area_people{area}`), and once a second it is sampled into the area's
/// intervals (cameras' frame rates differ, so the mean is over time, not frames).
package final class OccupancyAreas: @unchecked Sendable {
    private let lock = NSLock()
    private var ledgers: [AreaLedger]
    private var intervals: [IntervalAccumulator]
    private let gauges: [Gauge]
    private var sampledSecond: Double?
    private var lastTime: Date?
    private let sink: OccupancySink

    package init(areas: [OccupancyArea], interval: TimeInterval, sink: OccupancySink, registry: MetricsRegistry) {
        ledgers = areas.map { AreaLedger(area: $0) }
        intervals = ledgers.map {
            IntervalAccumulator(camera: nil, subjects: [(.area($0.area.name), $0.measures)], length: interval)
        }
        gauges = areas.map {
            registry.gauge("veil_occupancy_area_people", help: "People in a building area now (zones added up, or door balance).",
                           labels: ["area": $0.name])
        }
        self.sink = sink
    }

    func record(camera: String, layout: CountingLayout, count: FrameCount, at time: Date) {
        guard !ledgers.isEmpty else { return }
        let finished: [IntervalFigures] = lock.withLock {
            // The first frame of a new second closes the last one's sample, taken at the last
            // frame's time: its crossings all happened in that second, and intervals start on
            // whole seconds, so they land in the interval they happened in.
            let second = time.timeIntervalSince1970.rounded(.down)
            var finished: [IntervalFigures] = []
            if let sampledSecond, second > sampledSecond, let lastTime { finished = sample(at: lastTime) }
            if sampledSecond.map({ second > $0 }) ?? true { sampledSecond = second }
            for index in ledgers.indices { ledgers[index].record(camera: camera, layout: layout, count: count, at: time) }
            lastTime = max(lastTime ?? time, time)
            return finished
        }
        sink.store(finished)
    }

    /// Stores every interval in progress (the recorder is stopping), with a last sample so
    /// that the crossings since the last one are in it.
    package func finish() {
        sink.store(lock.withLock {
            let last = lastTime.map(sample(at:)) ?? []
            return last + intervals.indices.flatMap { intervals[$0].finish() }
        })
    }

    /// One observation of every area into its intervals and its gauge (under the lock).
    private func sample(at time: Date) -> [IntervalFigures] {
        ledgers.indices.flatMap { index in
            let observation = ledgers[index].observe(at: time)
            gauges[index].set(observation.people)
            return intervals[index].add([observation], at: time)
        }
    }
}
