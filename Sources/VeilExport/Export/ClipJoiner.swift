import Foundation
import VeilArchive
import VeilMedia
import VeilVault

/// One segment's video packets in decode order, with the time base and origin they use.
struct LoadedSegment {
    let start: Date
    let timeBase: TimeBase
    /// The first packet's decoding time: tick 0 of `start`.
    let base: Int64
    let packets: [Packet]

    /// The wall-clock time of `ticks` (a packet's or frame's time in `timeBase`).
    func wallTime(ofTicks ticks: Int64) -> Date {
        start.addingTimeInterval(timeBase.seconds(ticks - base))
    }
}

/// Joins segment files into one MP4 by stream copy (no re-encode), keeping every whole GOP
/// that overlaps the range; with an `ExactCut`, the GOPs at the ends are cut to the range
/// and only they are re-encoded. Output time follows the catalog: each segment's packets are
/// placed at its catalogued start relative to the clip's start, so real gaps stay gaps;
/// decoding times are kept strictly increasing across segment joins.
struct ClipJoiner {
    /// What was written.
    struct Outcome {
        var actualStart: Date
        var actualEnd: Date
        var frames: Int
        var segmentsUsed: Int
        /// Frames re-encoded at the ends (exact cut only).
        var reencodedFrames: Int
    }

    let dataDirectory: String

    /// `exact` nil cuts at keyframes. `finalBytes` receives every byte of the finished clip, in
    /// order (to hash it as it is written).
    func join(_ segments: [SegmentRecord], range: Range<Date>, into output: String, exact: ExactCut? = nil,
              finalBytes: ((UnsafeRawBufferPointer) throws -> Void)? = nil, progress: (Int) -> Void) throws -> Outcome {
        var exact = exact
        let muxer = try Muxer(path: output, format: "mp4", fastStart: true)
        var first: (stream: StreamInfo, timeBase: TimeBase, origin: Date)? = nil
        var timeline: JoinedTrackTimeline? = nil
        var end = Date.distantPast
        var firstShown = Date.distantFuture
        var frames = 0, used = 0
        for (number, segment) in segments.enumerated() {
            defer { progress(number + 1) }
            let (path, demuxer, video, loaded) = try Self.open(segment, dataDirectory: dataDirectory,
                                                               advice: "Run 'veil status' to reconcile the catalog, or export around it.")
            var groups = WholeGOPSelection(loaded.packets, timeBase: loaded.timeBase, base: loaded.base,
                                           start: segment.start, end: segment.end, overlapping: range).groups
            if exact != nil { groups = try exact!.cut(groups, of: loaded, demuxer: demuxer, video: video, path: path) }
            guard let head = groups.first?.first else { continue }
            if first == nil {
                _ = try muxer.addStream(copying: video, of: demuxer)
                try muxer.writeHeader()
                let origin = segment.start.addingTimeInterval(loaded.timeBase.seconds((head.dts ?? 0) - loaded.base))
                first = (video, loaded.timeBase, origin)
                timeline = JoinedTrackTimeline(timeBase: loaded.timeBase)
            } else if let first, first.stream.codecName != video.codecName || first.stream.width != video.width
                        || first.stream.height != video.height {
                throw ExportError(.unreadableSegment, "segment \(path) is \(video.codecName) \(video.width)x\(video.height) but the clip began as \(first.stream.codecName) \(first.stream.width)x\(first.stream.height) (the camera changed format); export the two parts separately, split at \(Timestamps.format(segment.start)).")
            }
            guard let first else { continue }
            let offset = Int64((segment.start.timeIntervalSince(first.origin) * Double(first.timeBase.denominator)
                                / Double(first.timeBase.numerator)).rounded())
            for packet in groups.joined() {
                timeline!.place(packet, from: loaded.timeBase, base: loaded.base, offset: offset)
                end = max(end, first.origin.addingTimeInterval(first.timeBase.seconds((packet.pts ?? 0) + max(packet.duration, 0))))
                firstShown = min(firstShown, first.origin.addingTimeInterval(first.timeBase.seconds(packet.pts ?? 0)))
                try muxer.write(packet, toStream: 0)
                frames += 1
            }
            used += 1
        }
        guard let first else {
            throw ExportError(.noFootage, "the segments catalogued for \(Self.describe(range)) hold no video packets in that range; choose a wider range.")
        }
        try muxer.finish(finalBytes: finalBytes)
        // A keyframe cut reports where its track begins (unchanged); an exact cut, its first picture.
        return Outcome(actualStart: exact == nil ? first.origin : firstShown, actualEnd: end, frames: frames,
                       segmentsUsed: used, reencodedFrames: exact?.reencodedFrames ?? 0)
    }

    /// Opens catalogued `segment` for stream copy (its MP4 header describes the track, so
    /// nothing is probed) and loads its video packets. One that cannot be read is
    /// ``ExportError/unreadableSegment``, its message ending with `advice`.
    static func open(_ segment: SegmentRecord, dataDirectory: String, advice: String) throws
        -> (path: String, demuxer: Demuxer, video: StreamInfo, loaded: LoadedSegment) {
        let path = dataDirectory + "/" + segment.path
        let demuxer: Demuxer, video: StreamInfo
        do {
            demuxer = try Demuxer(url: path, probing: false)
            video = try demuxer.bestVideoStream()
        } catch {
            throw ExportError(.unreadableSegment, "segment \(path) of camera \(segment.camera) cannot be read (\(error)). \(advice)")
        }
        let packets = try demuxer.readRemainingPackets().filter { $0.streamIndex == video.index }
        let base = packets.first.map { $0.dts ?? $0.pts ?? 0 } ?? 0
        Self.giveDurations(to: packets)
        return (path, demuxer, video, LoadedSegment(start: segment.start, timeBase: video.timeBase, base: base, packets: packets))
    }

    /// The MP4 demuxer reports no packet durations for a segment with B-frames whose edit
    /// list starts late (its times continue the camera's); written without one, the clip's
    /// edit list would end at its last picture's start and players would drop that picture.
    /// Such packets get the segment's usual frame interval (the median gap between pictures).
    private static func giveDurations(to packets: [Packet]) {
        guard packets.contains(where: { $0.duration <= 0 }) else { return }
        let times = packets.compactMap(\.pts).sorted()
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        guard !gaps.isEmpty else { return }
        let interval = gaps[gaps.count / 2]
        for packet in packets where packet.duration <= 0 { packet.duration = interval }
    }

    private static func describe(_ range: Range<Date>) -> String {
        "\(Timestamps.format(range.lowerBound)) – \(Timestamps.format(range.upperBound))"
    }
}
