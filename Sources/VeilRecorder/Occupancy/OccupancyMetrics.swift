import VeilOccupancy
import VeilMetrics
import VeilPipeline

/// One camera's live occupancy series: exact figures (a capacity limit needs the exact count
/// now), labelled by camera and zone or line only; nothing about any one person.
struct OccupancyMetrics: Sendable {
    private let people: [Gauge]
    private let entries: [Counter]
    private let exits: [Counter]
    private let overCapacity: [String: Gauge]

    init(camera: String, layout: CountingLayout, registry: MetricsRegistry) {
        people = layout.zones.map {
            registry.gauge("veil_occupancy_people", help: "People in a counting zone now.", labels: ["camera": camera, "zone": $0.name])
        }
        entries = layout.lines.map {
            registry.counter("veil_occupancy_entries_total", help: "Crossings of a counting line towards its inside.",
                             labels: ["camera": camera, "line": $0.name])
        }
        exits = layout.lines.map {
            registry.counter("veil_occupancy_exits_total", help: "Crossings of a counting line away from its inside.",
                             labels: ["camera": camera, "line": $0.name])
        }
        overCapacity = Dictionary(uniqueKeysWithValues: layout.zones.filter { $0.capacity != nil }.map {
            ($0.name, registry.gauge("veil_occupancy_over_capacity", help: "1 while a zone holds more people than its capacity.",
                                     labels: ["camera": camera, "zone": $0.name]))
        })
    }

    func show(_ count: FrameCount) {
        for (gauge, value) in zip(people, count.people) { gauge.set(value) }
        for (counter, value) in zip(entries, count.entries) where value > 0 { counter.increment(by: value) }
        for (counter, value) in zip(exits, count.exits) where value > 0 { counter.increment(by: value) }
    }

    func overCapacity(zone: String, _ over: Bool) {
        overCapacity[zone]?.set(over ? 1 : 0)
    }
}
