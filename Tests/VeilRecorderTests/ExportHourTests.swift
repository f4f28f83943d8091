import Foundation
import Testing
import VeilArchive
import VeilMedia
import VeilRecorder
import VeilVault
import VeilExport

/// An hour of footage exports by stream copy. The hour is made quickly: one real ~7–9 s clip of
/// the shared recording, hard-linked and catalogued back to back until it covers 3600 s.
@Suite(.serialized) struct ExportHourTests {
    @Test func oneHourOfSegmentsExports() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first), last = try #require(recording.segments.last)
        let scratch = try recording.outputFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let template = scratch + "/template.mp4"
        let made = try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: last.end, output: template)
        let length = made.actualEnd.timeIntervalSince(made.actualStart)
        try #require(length > 2)

        let data = scratch + "/data"
        let bytes = made.bytes, hash = made.manifest.output.sha256
        let count = Int((3600 / length).rounded(.up))
        let origin = Date(timeIntervalSince1970: 1_795_939_200) // 2026-11-29T08:00:00Z
        try FileManager.default.createDirectory(atPath: data + "/redacted/hall/2026-11-29", withIntermediateDirectories: true)
        let catalog = try Catalog(dataDirectory: data)
        for index in 0..<count {
            let path = String(format: "redacted/hall/2026-11-29/%06d.mp4", index)
            try FileManager.default.linkItem(atPath: template, toPath: data + "/" + path) // same bytes, no disk churn
            let start = origin.addingTimeInterval(Double(index) * length)
            try catalog.insert(NewSegment(camera: "hall", kind: .redacted, start: start,
                                          end: start.addingTimeInterval(length), path: path, bytes: bytes, sha256: hash))
        }
        let end = origin.addingTimeInterval(Double(count) * length)

        let output = scratch + "/hour.mp4"
        let began = Date()
        let result = try ClipExporter(dataDirectory: data).export(camera: "hall", from: origin, to: end, output: output)
        let took = Date().timeIntervalSince(began)
        print("export of \(count) segments (\(Int(end.timeIntervalSince(origin))) s of footage, \(result.frames) frames, \(result.bytes) bytes) took \(String(format: "%.2f", took)) s")

        #expect(result.plan.segments.count == count)
        #expect(result.frames == count * made.frames)
        #expect(result.plan.gaps.isEmpty, "back-to-back segments: \(result.plan.gaps.map(\.description))")
        let duration = try #require(try Demuxer(url: output).durationSeconds)
        #expect(abs(duration - end.timeIntervalSince(origin)) < 2, "clip lasts \(duration) s")
        _ = try ClipVerifier(dataDirectory: data).verify(clip: output)
    }

    /// A real hole between segments stays a hole in the clip's timeline, is reported, and DTS
    /// stays strictly increasing across the joins.
    @Test func holeBetweenSegmentsStaysAGap() throws {
        let recording = try ExportRecording.shared()
        let segment = try #require(recording.segments.dropFirst().first)
        let scratch = try recording.outputFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = scratch + "/data"
        try FileManager.default.createDirectory(atPath: data + "/redacted/yard/2026-11-29", withIntermediateDirectories: true)
        let catalog = try Catalog(dataDirectory: data)
        let length = segment.end.timeIntervalSince(segment.start)
        let origin = Date(timeIntervalSince1970: 1_795_939_200)
        let starts = [origin, origin.addingTimeInterval(length), origin.addingTimeInterval(2 * length + 30)]
        for (index, start) in starts.enumerated() {
            let path = "redacted/yard/2026-11-29/\(index).mp4"
            try FileManager.default.linkItem(atPath: recording.harness.path(of: segment), toPath: data + "/" + path)
            try catalog.insert(NewSegment(camera: "yard", kind: .redacted, start: start, end: start.addingTimeInterval(length),
                                          path: path, bytes: segment.bytes, sha256: segment.sha256))
        }
        let end = starts[2].addingTimeInterval(length)
        let output = scratch + "/yard.mp4"
        let result = try ClipExporter(dataDirectory: data).export(camera: "yard", from: origin, to: end, output: output)

        #expect(result.plan.gaps.map(\.reason) == ["no segment"])
        #expect(result.plan.gaps.first.map { abs($0.duration - 30) < 0.01 } == true, "\(result.plan.gaps.map(\.description))")
        #expect(result.manifest.gaps.count == 1)
        let duration = try #require(try Demuxer(url: output).durationSeconds)
        #expect(abs(duration - end.timeIntervalSince(origin)) < 0.6, "clip lasts \(duration) s: the 30 s hole is kept")

        let demuxer = try Demuxer(url: output)
        let packet = try Packet()
        var decodingTimes: [Int64] = []
        while try demuxer.read(into: packet) == .packet { decodingTimes.append(packet.dts ?? .min) }
        #expect(decodingTimes.count == result.frames)
        #expect(zip(decodingTimes, decodingTimes.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing DTS")
    }
}
