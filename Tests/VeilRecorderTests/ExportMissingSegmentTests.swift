import Foundation
import Testing
import VeilArchive
import VeilMedia
import VeilRecorder
import VeilVault
import VeilExport

/// A redacted segment whose file vanished (marked `missing` by reconciliation) is a gap of the
/// export, with its reason and path, and in the signed manifest; a range of only missing
/// files is refused with their paths.
@Suite(.serialized) struct ExportMissingSegmentTests {
    @Test func missingSegmentIsAGapWithItsReason() throws {
        let recording = try ExportRecording.shared()
        let segment = try #require(recording.segments.dropFirst().first)
        let scratch = try recording.outputFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = scratch + "/data"
        try FileManager.default.createDirectory(atPath: data + "/redacted/gate/2026-11-29", withIntermediateDirectories: true)
        let catalog = try Catalog(dataDirectory: data)
        let length = segment.end.timeIntervalSince(segment.start)
        let origin = Date(timeIntervalSince1970: 1_795_939_200)
        var paths: [String] = []
        for index in 0..<3 {
            let start = origin.addingTimeInterval(Double(index) * length)
            let path = "redacted/gate/2026-11-29/\(index).mp4"
            try FileManager.default.linkItem(atPath: recording.harness.path(of: segment), toPath: data + "/" + path)
            try catalog.insert(NewSegment(camera: "gate", kind: .redacted, start: start, end: start.addingTimeInterval(length),
                                          path: path, bytes: segment.bytes, sha256: segment.sha256))
            paths.append(path)
        }
        try FileManager.default.removeItem(atPath: data + "/" + paths[1])
        let report = try SegmentStore.open(dataDirectory: data, hashFile: { _ in "" }).reconcile()
        #expect(report.missingSegments.map(\.path) == [paths[1]])

        let end = origin.addingTimeInterval(3 * length)
        let output = scratch + "/gate.mp4"
        let result = try ClipExporter(dataDirectory: data).export(camera: "gate", from: origin, to: end, output: output)
        let gap = "\(Timestamps.format(origin.addingTimeInterval(length))) – \(Timestamps.format(origin.addingTimeInterval(2 * length))) (file missing (\(paths[1])))"
        #expect(result.plan.gaps.map(\.description) == [gap])
        #expect(result.manifest.gaps.map(\.reason) == ["file missing (\(paths[1]))"])
        #expect(result.plan.segments.map(\.path) == [paths[0], paths[2]])
        let duration = try #require(try Demuxer(url: output).durationSeconds)
        #expect(abs(duration - 3 * length) < 0.6, "the missing segment's time stays a hole: \(duration) s")

        let error = #expect(throws: ExportError.noFootage) {
            try ClipExporter(dataDirectory: data).export(camera: "gate", from: origin.addingTimeInterval(length + 0.1),
                                                         to: origin.addingTimeInterval(2 * length - 0.1), output: scratch + "/none.mp4")
        }
        #expect(String(describing: error).contains("marked missing") && String(describing: error).contains(paths[1]),
                "\(String(describing: error))")
    }
}
