import Crypto
import Foundation
import Testing
import VeilTestSupport
import VeilArchive
import VeilMedia
import VeilRecorder
import VeilVault
import VeilVision
import VeilCore
import VeilExport

/// One decoded picture of a file: its wall-clock time (by the exporter's convention: a
/// segment's catalogued start is its first packet's decoding time), checksum, and a coarse
/// luma sample to compare re-encoded pictures with their sources.
struct DecodedPicture {
    var time: Date
    var checksum: String
    var luma: [UInt8]
    var gop: Int
}

/// Decodes every frame of `path` with VeilMedia (a decoding error throws), in presentation
/// order. `start` is the wall-clock time of the first packet's decoding time.
func decodePictures(of path: String, start: Date, each: (Frame) throws -> Void = { _ in }) throws -> [DecodedPicture] {
    let demuxer = try Demuxer(url: path)
    let video = try demuxer.bestVideoStream()
    let decoder = try Decoder(demuxer: demuxer, stream: video, threads: 1)
    let packet = try Packet(), frame = try Frame()
    var base: Int64?
    var keyframeTimes: [Int64] = []
    var pictures: [(pts: Int64, checksum: String, luma: [UInt8])] = []
    func drain() throws {
        while try decoder.receive(into: frame) == .ready {
            try each(frame)
            let (checksum, luma) = frame.withPlanes { image in
                var digest = SHA256()
                for plane in [image.y, image.u, image.v] {
                    for row in 0..<plane.height {
                        digest.update(bufferPointer: UnsafeRawBufferPointer(start: plane.base + row * plane.stride, count: plane.width))
                    }
                }
                var luma: [UInt8] = []
                for row in stride(from: 0, to: image.y.height, by: 8) {
                    for column in stride(from: 0, to: image.y.width, by: 8) { luma.append(image.y.base[row * image.y.stride + column]) }
                }
                return (Hex.encode(digest.finalize()), luma)
            }
            pictures.append((try #require(frame.pts), checksum, luma))
        }
    }
    while try demuxer.read(into: packet) == .packet {
        guard packet.streamIndex == video.index else { continue }
        if base == nil { base = packet.dts ?? packet.pts }
        if packet.isKeyframe, let pts = packet.pts { keyframeTimes.append(pts) }
        _ = try decoder.send(packet)
        try drain()
    }
    try decoder.sendEndOfStream()
    try drain()
    return pictures.map { picture in
        DecodedPicture(time: start.addingTimeInterval(video.timeBase.seconds(picture.pts - (base ?? 0))),
                       checksum: picture.checksum, luma: picture.luma,
                       gop: keyframeTimes.lastIndex { $0 <= picture.pts } ?? -1)
    }
}

/// `veil export --exact`: the clip holds exactly the frames of [from, to); only the partial
/// GOPs at its ends are re-encoded, everything between is the segments' own bitstream.
@Suite(.serialized) struct ExportExactTests {
    /// The source segments' pictures in the range, each tagged with whether its whole GOP lies
    /// inside (and is therefore copied, not re-encoded).
    func sourcePictures(_ dataDirectory: String, _ segments: [SegmentRecord], in range: Range<Date>)
        throws -> [(picture: DecodedPicture, copied: Bool)] {
        var result: [(DecodedPicture, Bool)] = []
        for segment in segments {
            let pictures = try decodePictures(of: dataDirectory + "/" + segment.path, start: segment.start)
            let gopsReachingOut = Set(pictures.filter { !range.contains($0.time) }.map(\.gop))
            result += pictures.filter { range.contains($0.time) }.map { ($0, !gopsReachingOut.contains($0.gop)) }
        }
        return result
    }

    /// Mean absolute luma difference of two coarse samples.
    func lumaDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        return Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(a.count)
    }

    /// Exports [from, to) exactly from the recording's data directory, or from `dataDirectory`.
    func checkExact(from: Date, to: Date, expectCopiedMiddle: Bool, dataDirectory: String? = nil) throws {
        let recording = try ExportRecording.shared()
        let data = dataDirectory ?? recording.harness.dataDirectory
        let output = try recording.outputFolder() + "/exact.mp4"
        let result = try ClipExporter(dataDirectory: data)
            .export(camera: ExportRecording.camera, from: from, to: to, output: output, exact: true)
        let source = try sourcePictures(data, result.plan.segments, in: from..<to)
        try #require(!source.isEmpty)

        let faces = try FaceDetector(manifest: try ModelManifest.locate(), options: .init(scoreThreshold: 0.3))
        var found = 0
        let clip = try decodePictures(of: output, start: result.actualStart) { frame in
            found += try frame.withPlanes { try faces.detect(in: $0) }.count
        }
        #expect(found == 0, "no face in the exported clip at a low threshold")
        #expect(clip.count == source.count, "exactly the frames whose times lie in [from, to): clip \(clip.count), source \(source.count)")
        #expect(result.frames == source.count)
        let reencoded = source.filter { !$0.copied }.count
        #expect(result.reencodedFrames == reencoded, "only the partial GOPs' frames are re-encoded")
        #expect(reencoded > 0, "the range's ends fall mid-GOP")
        if expectCopiedMiddle { #expect(source.contains { $0.copied }, "some GOP lies wholly inside the range") }

        guard clip.count == source.count else { return }
        #expect(abs(result.actualStart.timeIntervalSince(source.first!.picture.time)) < 0.002, "starts at the first frame in range")
        let clipSpan = clip.last!.time.timeIntervalSince(clip.first!.time)
        let sourceSpan = source.last!.picture.time.timeIntervalSince(source.first!.picture.time)
        #expect(abs(clipSpan - sourceSpan) < 0.002, "first to last frame: clip \(clipSpan) s, source \(sourceSpan) s")
        for (index, (picture, copied)) in source.enumerated() {
            let offset = clip[index].time.timeIntervalSince(clip[0].time) - picture.time.timeIntervalSince(source[0].picture.time)
            #expect(abs(offset) < 0.002, "frame \(index) keeps its time (off by \(offset) s)")
            if copied {
                #expect(clip[index].checksum == picture.checksum, "copied frame \(index) is bit-identical to its source")
            } else {
                let difference = lumaDifference(clip[index].luma, picture.luma)
                #expect(difference < 4, "re-encoded frame \(index) is its source picture (mean luma difference \(difference))")
            }
        }

        let manifest = result.manifest
        #expect(manifest.exact == true && manifest.output.reencodedFrames == reencoded && manifest.output.frames == source.count)
        #expect(manifest.tool == ExportManifest.exactToolVersion)
        #expect(manifest.output.sha256 == (try sha256(ofFile: output)))
        _ = try ClipVerifier(dataDirectory: data).verify(clip: output)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") {
            let errors = try ffmpegDecodeErrors(output)
            #expect(errors.isEmpty, "ffmpeg -v error decodes the clip without a complaint: \(errors)")
        }
    }

    /// What `ffmpeg -v error` prints while decoding every frame of `path` (empty when clean).
    func ffmpegDecodeErrors(_ path: String) throws -> String {
        let outcome = try TestSupport.launch("/usr/bin/ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-f", "null", "-"])
        return outcome.status == 0 ? outcome.errors : "exit \(outcome.status): \(outcome.errors)"
    }

    @Test func rangeAcrossSegmentsEndingMidGOP() throws {
        let all = try ExportRecording.shared().segments
        try #require(all.count >= 3, "2 s segments over ~9 s: \(all.count)")
        // From half a second into one segment to half a second into the one two later: the
        // segment between is copied whole.
        try checkExact(from: all[0].start.addingTimeInterval(0.5), to: all[2].start.addingTimeInterval(0.5),
                       expectCopiedMiddle: true)
    }

    @Test func rangeInsideOneGOP() throws {
        let segment = try #require(try ExportRecording.shared().segments.dropFirst().first)
        try checkExact(from: segment.start.addingTimeInterval(0.3), to: segment.start.addingTimeInterval(1.1),
                       expectCopiedMiddle: false)
    }

    /// The recorder's default encoder (veryfast) uses B-frames: decoding order differs from
    /// display order and the re-encoded ends must still join the copied middle seamlessly.
    @Test func rangeAcrossSegmentsWithBFrames() throws {
        let recording = try ExportRecording.shared()
        let data = try recording.outputFolder() + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        let all = recording.segments
        try #require(all.count >= 3, "2 s segments over ~9 s: \(all.count)")
        for segment in all { try reencodeAsTheRecorderDoes(data + "/" + segment.path, settings: EncoderSettings()) }
        try checkExact(from: all[0].start.addingTimeInterval(0.5), to: all[2].start.addingTimeInterval(0.5),
                       expectCopiedMiddle: true, dataDirectory: data)
    }

    /// Rewrites a redacted segment with `settings`, the way `RedactedSegmentWriter` encodes:
    /// the stream's time base and frame rate, headers out of band, frame durations kept.
    func reencodeAsTheRecorderDoes(_ path: String, settings: EncoderSettings) throws {
        let temporary = path + ".reencoded.mp4"
        do {
            let demuxer = try Demuxer(url: path)
            let video = try demuxer.bestVideoStream()
            let decoder = try Decoder(demuxer: demuxer, stream: video)
            let muxer = try Muxer(path: temporary, format: "mp4", fastStart: true)
            let encoder = try Encoder(settings: settings, width: video.width, height: video.height, timeBase: video.timeBase,
                                      frameRate: video.averageFrameRate, globalHeader: muxer.wantsGlobalHeader, location: temporary)
            let stream = try muxer.addStream(from: encoder)
            try muxer.writeHeader()
            let packet = try Packet(), frame = try Frame(), encoded = try Packet()
            var durations: [Int64: Int64] = [:]
            var lastPTS: Int64?
            // Every frame lasts one frame interval (the sample's frames are evenly spaced), so
            // the segment's edit list covers its last frame too.
            let interval = TimeBase(video.averageFrameRate.denominator, video.averageFrameRate.numerator).rescale(1, to: video.timeBase)
            func write() throws {
                while try encoder.receive(into: encoded) == .ready {
                    let duration = encoded.pts.flatMap { durations.removeValue(forKey: $0) } ?? 0
                    encoded.duration = duration > 0 ? duration : interval
                    try muxer.write(encoded, toStream: stream)
                }
            }
            func encode() throws {
                while try decoder.receive(into: frame) == .ready {
                    lastPTS = frame.makeTimestampFollow(lastPTS)
                    durations[lastPTS!] = frame.duration
                    while try encoder.send(frame) == .ready { try write() }
                    try write()
                }
            }
            while try demuxer.read(into: packet) == .packet {
                guard packet.streamIndex == video.index else { continue }
                _ = try decoder.send(packet)
                try encode()
            }
            try decoder.sendEndOfStream()
            try encode()
            try encoder.sendEndOfStream()
            try write()
            try muxer.finish()
        }
        try #require(rename(temporary, path) == 0)
    }

    @Test func keyframeCutIsUnchangedByTheNewFields() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let output = try recording.outputFolder() + "/clip.mp4"
        let result = try recording.exporter.export(camera: ExportRecording.camera, from: first.start.addingTimeInterval(0.5),
                                                   to: first.end.addingTimeInterval(-0.5), output: output)
        #expect(result.reencodedFrames == 0 && result.manifest.exact == nil && result.manifest.output.reencodedFrames == nil)
        let json = try String(contentsOfFile: result.manifestPath, encoding: .utf8)
        #expect(!json.contains("exact") && !json.contains("reencoded"), "a keyframe cut's manifest has the old fields only")
        _ = try ClipVerifier(dataDirectory: recording.harness.dataDirectory).verify(clip: output)
    }
}

/// Footage whose parameter sets no recorder setting reproduces: `--exact` refuses with one
/// clear error and leaves no file; the keyframe cut still exports it.
@Suite(.serialized) struct ExportExactRefusalTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg")))
    func footageEncodedOtherwiseIsRefusedWithTheReason() throws {
        let recording = try ExportRecording.shared()
        let data = try recording.outputFolder() + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        let segments = recording.segments
        // Re-encoded as no EncoderSettings can: the ultrafast preset with three reference frames.
        for segment in segments {
            let path = data + "/" + segment.path, replacement = path + ".other.mp4"
            try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-c:v", "libx264", "-preset", "ultrafast",
                                                    "-x264-params", "ref=3", "-an", "-y", replacement])
            try #require(rename(replacement, path) == 0)
        }
        let exporter = ClipExporter(dataDirectory: data)
        let folder = try recording.outputFolder()
        let from = segments[0].start.addingTimeInterval(0.5), to = segments[1].start.addingTimeInterval(0.5)
        let error = #expect(throws: ExportError.exactCutImpossible) {
            try exporter.export(camera: ExportRecording.camera, from: from, to: to, output: folder + "/clip.mp4", exact: true)
        }
        let message = error?.description ?? ""
        #expect(message.contains("cannot reproduce") && message.contains("Leave out --exact"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing left behind")

        let keyframeCut = try exporter.export(camera: ExportRecording.camera, from: from, to: to, output: folder + "/clip.mp4")
        #expect(keyframeCut.frames > 0)
    }
}
