import Foundation
import Testing
import VeilArchive
import VeilMedia
import VeilMetrics
import VeilPipeline
@testable import VeilRecorder
import VeilVault
import VeilTestSupport
@testable import VeilExport

/// Two 6 s sealed raw segments made through the recorder's own `RawSegmentWriter`, back to
/// back: the bundled footage re-encoded with a 0.4 s GOP (10 frames, no B-frames) plus an AAC
/// tone, so a range can fall inside a segment and the cut has audio to carry along.
final class CutRecording: @unchecked Sendable {
    static let camera = "dock"
    static let segmentSeconds = 6.0
    let harness: RecorderHarness
    let segments: [SegmentRecord]

    private init() throws {
        harness = try RecorderHarness()
        Self.removeAtExit = harness.directory.path
        atexit { if let path = CutRecording.removeAtExit { try? FileManager.default.removeItem(atPath: path) } }
        // The test's own synthetic source (bundled footage), not a recording: it may sit on disk.
        let source = harness.directory.appendingPathComponent("source.ts").path
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-i", TestSupport.sample,
                                                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                                                "-t", "\(Self.segmentSeconds)", "-vf", "scale=320:-2", "-c:v", "libx264",
                                                "-preset", "ultrafast", "-g", "10", "-keyint_min", "10", "-sc_threshold", "0",
                                                "-bf", "0", "-c:a", "aac", "-b:a", "64k", "-f", "mpegts", source])
        let store = try SegmentStore.open(dataDirectory: harness.dataDirectory, hashFile: sha256OfFile)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: harness.dataDirectory))
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 600).rounded(.down))
        for sequence in 0..<2 {
            let demuxer = try Demuxer(url: source)
            let segmentStart = start.addingTimeInterval(Double(sequence) * Self.segmentSeconds)
            let writer = try RawSegmentWriter(camera: Self.camera, demuxer: demuxer, streams: demuxer.streams, sequence: sequence,
                                              start: segmentStart, store: store, vault: vault,
                                              metrics: RecorderMetrics().camera(Self.camera))
            let packet = try Packet()
            while try demuxer.read(into: packet) == .packet {
                // The camera's clock runs on across segments, as a live stream's does.
                let timeBase = demuxer.streams[packet.streamIndex].timeBase
                let shift = Int64(Double(sequence) * Self.segmentSeconds * Double(timeBase.denominator) / Double(timeBase.numerator))
                packet.pts = packet.pts.map { $0 + shift }
                packet.dts = packet.dts.map { $0 + shift }
                try writer.write(packet)
            }
            _ = try writer.finish(end: segmentStart.addingTimeInterval(Self.segmentSeconds))
        }
        segments = try harness.segments(Self.camera, .raw)
    }

    nonisolated(unsafe) private static var removeAtExit: String?
    private static let made = Result { try CutRecording() }
    static func shared() throws -> CutRecording { try made.get() }

    /// A copy of the data directory, so each test's audit entries and file changes are its own.
    func copy() throws -> (data: String, folder: String) {
        let folder = harness.directory.appendingPathComponent("out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: harness.dataDirectory, toPath: folder + "/data")
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        return (folder + "/data", folder + "/out")
    }

    func unlocker(_ data: String) throws -> RawUnlocker {
        RawUnlocker(vault: try Vault.open(configuration: VaultConfiguration(dataDirectory: data)), dataDirectory: data,
                    operatingSystemActor: "os-user:test")
    }
}

/// Packet times of a file, in seconds, by kind, in file order.
struct PacketTimes {
    struct Video { let seconds: Double; let isKeyframe: Bool }
    var video: [Video] = []
    var audio: [Double] = []

    /// `seconds` are each packet's decoding time; with `fromStart`, counted from the earliest
    /// time of any track (for a raw segment: the time that falls at its catalogued start).
    init(_ demuxer: Demuxer, fromStart: Bool) throws {
        let packet = try Packet()
        var times: [(kind: StreamKind, seconds: Double, key: Bool)] = []
        while try demuxer.read(into: packet) == .packet {
            let stream = demuxer.streams[packet.streamIndex]
            guard let ticks = packet.dts ?? packet.pts else { continue }
            times.append((stream.kind, stream.timeBase.seconds(ticks), packet.isKeyframe))
        }
        let base = fromStart ? times.map(\.seconds).min() ?? 0 : 0
        video = times.filter { $0.kind == .video }.map { Video(seconds: $0.seconds - base, isKeyframe: $0.key) }
        audio = times.filter { $0.kind == .audio }.map { $0.seconds - base }
    }

    var keyframes: [Int] { video.indices.filter { video[$0].isKeyframe } }
}

@Suite(.serialized) struct UnlockCutTests {
    typealias Harness = RecorderHarness

    func raw(_ segment: SegmentRecord, of recording: CutRecording) throws -> (bytes: [UInt8], times: PacketTimes) {
        let bytes = try recording.harness.openRaw(segment)
        return (bytes, try PacketTimes(try Demuxer(reading: bytes, format: "mpegts", describedAs: "raw"), fromStart: true))
    }

    @Test func subRangeInsideASegmentKeepsOnlyTheGOPsOverlappingItBitForBit() throws {
        let recording = try CutRecording.shared()
        let (data, folder) = try recording.copy()
        let segment = try #require(recording.segments.first)
        let (bytes, times) = try raw(segment, of: recording)
        let keys = times.keyframes
        try #require(keys.count >= 10, "a 6 s segment with a 0.4 s GOP: \(keys.count) keyframes")
        // From inside GOP 4 to inside GOP 5: exactly GOPs 4 and 5 overlap.
        let from = segment.start.addingTimeInterval(times.video[keys[4]].seconds + 0.1)
        let to = segment.start.addingTimeInterval(times.video[keys[5]].seconds + 0.1)
        let kept = keys[4]..<keys[6]
        let output = folder + "/raw.mp4"
        let result = try recording.unlocker(data).unlock(
            UnlockRequest(camera: CutRecording.camera, range: from..<to, officer: Harness.officer, reason: "incident 51", output: output),
            passphrase: { Passphrase(Harness.passphrase) })

        let unlocked = try PacketTimes(try Demuxer(url: output), fromStart: false)
        #expect(unlocked.video.count == kept.count, "frames of GOPs 4 and 5 only")
        let origin = try #require(unlocked.video.first).seconds
        let expectedTimes = times.video[kept].map { $0.seconds - times.video[kept.lowerBound].seconds }
        #expect(zip(unlocked.video.map { $0.seconds - origin }, expectedTimes).allSatisfy { abs($0 - $1) < 0.002 },
                "frame times as in the raw stream: \(unlocked.video.map(\.seconds)) vs \(expectedTimes)")
        #expect(unlocked.video.first?.isKeyframe == true)
        #expect(abs(result.actualStart.timeIntervalSince(segment.start) - times.video[kept.lowerBound].seconds) < 0.002)
        #expect(abs(result.actualEnd.timeIntervalSince(segment.start) - times.video[kept.upperBound].seconds) < 0.002)

        let decoded = try FrameChecksums.of(bytes: bytes, in: URL(fileURLWithPath: folder), name: "check.ts")
        try #require(decoded.count == times.video.count, "one picture per raw packet")
        #expect(try FrameChecksums.of(file: output) == Array(decoded[kept]), "the kept GOPs' pictures, bit for bit")

        // Audio over the same span: the raw stream's audio packets inside it, no more.
        let span = times.video[kept.lowerBound].seconds..<times.video[kept.upperBound].seconds
        let rawAudio = times.audio.filter { span.contains($0) }
        #expect(result.tracks == 2 && !rawAudio.isEmpty && unlocked.audio.count == rawAudio.count,
                "audio packets: \(unlocked.audio.count) unlocked, \(rawAudio.count) raw in the span")
        #expect(unlocked.audio.allSatisfy { $0 - origin > -0.002 && $0 - origin < span.upperBound - span.lowerBound })
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["raw.mp4"], "only the requested MP4 is written")
    }

    @Test func rangeAcrossTheJoinKeepsTheLastAndFirstGOPsOnOneTimeline() throws {
        let recording = try CutRecording.shared()
        let (data, folder) = try recording.copy()
        try #require(recording.segments.count == 2)
        let (first, second) = (recording.segments[0], recording.segments[1])
        let (firstBytes, firstTimes) = try raw(first, of: recording)
        let (secondBytes, secondTimes) = try raw(second, of: recording)
        let firstKept = try #require(firstTimes.keyframes.last)..<firstTimes.video.count
        let secondKept = 0..<secondTimes.keyframes[1]
        let output = folder + "/raw.mp4"
        let range = first.end.addingTimeInterval(-0.1)..<second.start.addingTimeInterval(0.1)
        let result = try recording.unlocker(data).unlock(
            UnlockRequest(camera: CutRecording.camera, range: range, officer: Harness.officer, reason: "incident 52", output: output),
            passphrase: { Passphrase(Harness.passphrase) })

        let unlocked = try PacketTimes(try Demuxer(url: output), fromStart: false)
        #expect(unlocked.video.count == firstKept.count + secondKept.count)
        let origin = try #require(unlocked.video.first).seconds
        let join = unlocked.video[firstKept.count].seconds - origin
        let expectedJoin = second.start.timeIntervalSince(first.start) - firstTimes.video[firstKept.lowerBound].seconds
            + secondTimes.video[0].seconds
        #expect(abs(join - expectedJoin) < 0.002, "the second segment's first frame sits at its catalogued start: \(join) vs \(expectedJoin)")
        #expect(zip(unlocked.video, unlocked.video.dropFirst()).allSatisfy { $0.seconds < $1.seconds })
        let expected = try Array(FrameChecksums.of(bytes: firstBytes, in: URL(fileURLWithPath: folder), name: "a.ts")[firstKept])
            + Array(FrameChecksums.of(bytes: secondBytes, in: URL(fileURLWithPath: folder), name: "b.ts")[secondKept])
        #expect(try FrameChecksums.of(file: output) == expected)
        #expect(result.plan.segments.map(\.id) == [first.id, second.id])
    }

    @Test func missingRawFileIsNamedRefusedAuditedAndSkippedWithPartial() throws {
        let recording = try CutRecording.shared()
        let (data, folder) = try recording.copy()
        let (first, second) = (recording.segments[0], recording.segments[1])
        try FileManager.default.removeItem(atPath: data + "/" + second.path)
        let report = try SegmentStore.open(dataDirectory: data, hashFile: sha256OfFile).reconcile()
        #expect(report.missingSegments.map(\.id) == [second.id])

        var request = UnlockRequest(camera: CutRecording.camera, range: first.start..<second.end, officer: Harness.officer,
                                    reason: "incident 53", output: folder + "/raw.mp4")
        let error = #expect(throws: UnlockError.missingFiles) {
            try recording.unlocker(data).unlock(request, passphrase: { Passphrase(Harness.passphrase) })
        }
        let message = String(describing: error)
        let part = "\(Timestamps.format(second.start)) – \(Timestamps.format(second.end)) (camera \(CutRecording.camera), \(second.path): file gone"
        #expect(message.contains(part) && message.contains("--partial"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data))
        let refusal = try #require(try vault.audit.entries().last)
        #expect(refusal.action == "unlock.refused" && refusal.reason.contains(part), "\(refusal)")

        request.partial = true
        let result = try recording.unlocker(data).unlock(request, passphrase: { Passphrase(Harness.passphrase) })
        #expect(result.plan.segments.map(\.id) == [first.id] && result.plan.missing.map(\.path) == [second.path])
        #expect(try FrameChecksums.of(file: result.output).count > 0)
        let entry = try #require(try vault.audit.entries().last)
        #expect(entry.action == "unlock" && entry.reason.hasPrefix("incident 53 (partial: missing ") && entry.reason.contains(part),
                "\(entry)")
        _ = try vault.audit.verify()
    }
}
