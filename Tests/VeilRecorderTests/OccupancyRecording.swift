import Foundation
import Testing
import VeilArchive
import VeilConfig
import VeilOccupancy
@testable import VeilRecorder
import VeilTestSupport
import VeilCore
import VeilMetrics

/// One recording of the sample as a file camera with occupancy counting, shared by the
/// occupancy tests (recording it takes the clip's 15 s).
final class OccupancyRecording: @unchecked Sendable {
    /// 1, so that the per-interval figures can be compared with the hand count; zeros are still coarsened.
    static let minimumCount = 1
    let harness: RecorderHarness
    let log = CapturedLog()
    private(set) var rows: [OccupancyRecord] = []
    private(set) var origin: Date?
    private(set) var exposition = ""
    /// Video packets the redaction branch dropped under load (whole GOPs): frames never counted.
    private(set) var droppedPackets: UInt64 = 0

    private static let lock = NSLock()
    nonisolated(unsafe) private static var recording: OccupancyRecording?

    static func shared() throws -> OccupancyRecording {
        try lock.withLock {
            if let recording { return recording }
            let made = try OccupancyRecording()
            recording = made
            return made
        }
    }

    private init() throws {
        harness = try RecorderHarness()
        let yaml = harness.configurationText(cameras: """
              - name: walk
                url: \(TestSupport.sample)
                occupancy:
                  zones:
                    - name: right
                      polygon: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]]
                      capacity: 2
                  lines:
                    - name: path
                      from: [0.45, 0.15]
                      to: [0.45, 0.6]
                      inside: left
            """) + """

            occupancy:
              interval: \(Int(OccupancyRecordingTests.interval))s
              minimumCount: \(Self.minimumCount)
              areas:
                - {name: beyond, lines: [walk/path]}
                - {name: watched, zones: [walk/right]}
            """
        let configuration = try VeilConfiguration.parse(yaml: yaml, source: "test.yaml")
        let recorder = try Recorder(configuration: configuration, logger: log.logger())
        recorder.start()
        // The file camera stops at its end (15 s, paced); wait until the encoder has taken
        // every frame the redaction branch kept, at most a minute.
        let deadline = Date().addingTimeInterval(60)
        var last: UInt64 = 0, stableSince = Date()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            let frames = recorder.progress.first?.frames ?? 0
            if frames != last { last = frames; stableSince = Date() }
            if frames > 0, Date().timeIntervalSince(stableSince) > 3 { break }
        }
        exposition = recorder.metrics.registry.render()
        droppedPackets = recorder.progress.map { $0.dropped + $0.undecodable }.reduce(0, +)
        recorder.stop()
        rows = try harness.catalog.occupancy(from: .distantPast, to: .distantFuture)
        origin = try harness.segments("walk", .redacted).map(\.start).min()
    }
}

/// `Tests/Fixtures/occupancy-hand-count.json`.
struct HandCount: Decodable {
    struct Crossing: Decodable {
        let seconds: Double
        let crossing: String
    }

    struct People: Decodable {
        let seconds: Double
        let low: Int
        let high: Int
    }

    let crossings: [Crossing]
    let people: [People]

    static func load() throws -> HandCount {
        let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/occupancy-hand-count.json")
        return try JSONDecoder().decode(HandCount.self, from: Data(contentsOf: path))
    }

    /// The clip's seconds a stored interval covers (frame 0 arrived at `origin`).
    static func window(_ row: OccupancyRecord, origin: Date) -> Range<Double> {
        row.start.timeIntervalSince(origin)..<row.end.timeIntervalSince(origin)
    }
}
