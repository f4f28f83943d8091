import Foundation
import Logging
import Testing
import VeilArchive
import VeilCore
import VeilMetrics
import VeilOccupancy
@testable import VeilRecorder

/// A building area's stored intervals hold each crossing in the interval it happened in,
/// though the area is sampled only once a second.
@Suite struct OccupancyAreasTests {
    let door = CountingLayout(lines: [CountingLine(name: "door", from: Point(x: 0.5, y: 0), to: Point(x: 0.5, y: 1), inside: .left)])

    @Test func aCrossingJustBeforeAnIntervalEndsIsStoredInThatInterval() throws {
        let directory = NSTemporaryDirectory() + "veil-areas-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = SegmentStore(dataDirectory: directory, catalog: try Catalog(dataDirectory: directory), hashFile: { _ in "" })
        let registry = MetricsRegistry()
        let areas = OccupancyAreas(
            areas: [OccupancyArea(name: "branch", source: .lines([CountingReference(camera: "lobby", name: "door")]))],
            interval: 5, sink: OccupancySink(store: store, minimumCount: 1, logger: Logger(label: "veil.test")), registry: registry)
        // 10 s at 25 fps from the start of an hour; one entry 40 ms before the first 5 s end.
        let hour = Date(timeIntervalSince1970: TimeInterval(1_800_000_000 / 3600 * 3600))
        for frame in 0..<250 {
            let entries = frame == 124 ? 1 : 0
            areas.record(camera: "lobby", layout: door, count: FrameCount(people: [], entries: [entries], exits: [0]),
                         at: hour.addingTimeInterval(Double(frame) / 25))
        }
        #expect(registry.render().contains("veil_occupancy_area_people{area=\"branch\"} 1"))
        areas.finish()
        let rows = try store.catalog.occupancy(from: .distantPast, to: .distantFuture).sorted { $0.start < $1.start }
        #expect(rows.map(\.start) == [hour, hour.addingTimeInterval(5)])
        #expect(rows.map(\.entries) == [.value(1), .below(1)])
        #expect(rows.map(\.maxPeople) == [.value(1), .value(1)])
    }
}
