import Foundation
import Logging
import VeilArchive
import VeilCore
import VeilMedia
public import VeilOccupancy
import VeilMetrics
public import VeilPipeline
import VeilRecorder
public import VeilVision

/// What anonymous counting costs per frame (`veil bench occupancy`): the clip's frames go
/// through the production redactor once, keeping each frame's person detections in memory,
/// then those detections are counted again and again by a real ``CameraOccupancy`` (counting
/// tracker, counter, interval sums, live metrics, capacity watch, an area, the catalog at the
/// end), timed on this thread's CPU clock.
public enum OccupancyBenchmark {
    public struct Result: Sendable {
        public var frames: Int
        /// Frames in which the person detector ran (the others only predict).
        public var detectorFrames: Int
        /// CPU time of each replay of all frames.
        public var replays: [Duration]
    }

    public static func run(clip: String, options: RedactionOptions, detectors: [any ObjectDetector], layout: CountingLayout,
                           replays: Int, directory: String) throws -> Result {
        let redactor = FrameRedactor(detectors: detectors, options: options)
        var frames: [(index: Int, size: Size, detections: [Detection]?)] = []
        try Demuxer(url: clip).forEachVideoFrame(threads: options.threads) { frame in
            let observation = frame.withPlanes { redactor.observe(planes: $0) }
            _ = redactor.plan(frame: observation.index)
            frames.append((observation.index, Size(width: Double(frame.width), height: Double(frame.height)), observation.people))
        }
        let data = directory + "/occupancy-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let store = SegmentStore(dataDirectory: data, catalog: try Catalog(dataDirectory: data), hashFile: { _ in "" })
        let sink = OccupancySink(store: store, minimumCount: 3, logger: Logger(label: "veil.bench"))
        let registry = MetricsRegistry()
        let references = layout.zones.map { CountingReference(camera: "bench", name: $0.name) }
        let areas = OccupancyAreas(areas: [OccupancyArea(name: "all", source: .zones(references))], interval: 300, sink: sink,
                                   registry: registry)
        let occupancy = CameraOccupancy(camera: "bench", layout: layout, tracking: options.tracker, interval: 300, sink: sink, areas: areas,
                                        registry: registry, clock: SteadyWallClock(), logger: Logger(label: "veil.bench"))
        let start = Date()
        let times = (0..<replays).map { _ in
            let before = CPUTime.currentThread
            for (offset, frame) in frames.enumerated() {
                occupancy.count(frame: frame.index, size: frame.size, detections: frame.detections,
                                at: start.addingTimeInterval(Double(offset) / 25))
            }
            return CPUTime.currentThread - before
        }
        occupancy.finish()
        return Result(frames: frames.count, detectorFrames: frames.filter { $0.detections != nil }.count, replays: times)
    }
}
