import Foundation
import VeilArchive
import VeilMedia
import VeilVault

/// Remuxes decrypted raw segments (MPEG-TS held in memory) by stream copy into one MP4, cut
/// at keyframes as the staff export is: the whole video GOPs overlapping the range are kept,
/// and every other track (audio) over the same kept time span. Output time follows the
/// catalog: each segment's packets are placed at its catalogued start relative to the first
/// kept keyframe, so real gaps stay gaps, and decoding times stay strictly increasing per
/// track across joins.
struct RawRemuxer {
    struct Outcome {
        var packets: Int
        var tracks: Int
        /// From the first kept keyframe to the end of the last kept GOP.
        var span: Range<Date>
    }

    /// Per output track: what it was created from, and where its timeline stands.
    private struct Track {
        let source: StreamInfo
        let output: Int
        var timeline: JoinedTrackTimeline
    }

    /// `open(segment)` returns the segment's decrypted bytes (the vault audits it).
    func remux(_ segments: [SegmentRecord], range: Range<Date>, open: (SegmentRecord) throws -> [UInt8],
               into output: String, progress: (Int) -> Void) throws -> Outcome {
        let muxer = try Muxer(path: output, format: "mp4", fastStart: true)
        var tracks: [Int: Track] = [:]
        var span: Range<Date>? = nil
        var packets = 0
        for (number, segment) in segments.enumerated() {
            defer { progress(number + 1) }
            let demuxer = try demux(segment, open: open)
            let loaded = try demuxer.readRemainingPackets()
            // The segment's earliest time, in seconds, falls at its catalogued start.
            let base = loaded.compactMap { packet in
                (packet.dts ?? packet.pts).map { demuxer.streams[packet.streamIndex].timeBase.seconds($0) }
            }.min() ?? 0
            let (kept, keptSpan) = try cut(loaded, of: demuxer, segment: segment, base: base, range: range)
            guard let keptSpan else { continue }
            if let current = span {
                try checkSameTracks(demuxer.streams, as: tracks, segment: segment)
                span = current.lowerBound..<max(current.upperBound, keptSpan.upperBound)
            } else {
                for stream in demuxer.streams where stream.codecName != "none" {
                    tracks[stream.index] = Track(source: stream, output: try muxer.addStream(copying: stream, of: demuxer),
                                                 timeline: JoinedTrackTimeline(timeBase: stream.timeBase))
                }
                try muxer.writeHeader()
                span = keptSpan
            }
            let offset = segment.start.timeIntervalSince(span!.lowerBound)
            for packet in kept {
                guard var track = tracks[packet.streamIndex] else { continue }
                let timeBase = demuxer.streams[packet.streamIndex].timeBase
                let target = track.source.timeBase
                let shift = Int64(((offset - base) * Double(target.denominator) / Double(target.numerator)).rounded())
                track.timeline.place(packet, from: timeBase, base: 0, offset: shift)
                tracks[packet.streamIndex] = track
                try muxer.write(packet, toStream: track.output)
                packets += 1
            }
        }
        guard let span else {
            throw UnlockError(.noFootage, "the raw segments catalogued for camera '\(segments.first?.camera ?? "?")' \(Timestamps.format(range.lowerBound)) – \(Timestamps.format(range.upperBound)) hold no decodable video in that range; choose a wider range.")
        }
        try muxer.finish()
        return Outcome(packets: packets, tracks: tracks.count, span: span)
    }

    /// The packets of `loaded` (all tracks, file order) to keep: the whole video GOPs
    /// overlapping `range`, and other tracks' packets inside the span those GOPs cover.
    /// `base` (seconds) is the stream time that falls at the segment's catalogued start.
    private func cut(_ loaded: [Packet], of demuxer: Demuxer, segment: SegmentRecord, base: Double,
                     range: Range<Date>) throws -> ([Packet], Range<Date>?) {
        let video: StreamInfo
        do {
            video = try demuxer.bestVideoStream()
        } catch {
            throw UnlockError(.unreadableSegment, "raw segment \(segment.path) of camera \(segment.camera) has no video track (\(error)); unlock around it, split at \(Timestamps.format(segment.start)).")
        }
        let ticks = Int64((base * Double(video.timeBase.denominator) / Double(video.timeBase.numerator)).rounded())
        let selection = WholeGOPSelection(loaded.filter { $0.streamIndex == video.index }, timeBase: video.timeBase,
                                          base: ticks, start: segment.start, end: segment.end, overlapping: range)
        guard let span = selection.span else { return ([], nil) }
        let keptVideo = Set(selection.packets.map(ObjectIdentifier.init))
        let kept = loaded.filter { packet in
            if packet.streamIndex == video.index { return keptVideo.contains(ObjectIdentifier(packet)) }
            guard let time = packet.dts ?? packet.pts else { return false }
            let wall = segment.start.addingTimeInterval(demuxer.streams[packet.streamIndex].timeBase.seconds(time) - base)
            return span.contains(wall)
        }
        return (kept, span)
    }

    private func demux(_ segment: SegmentRecord, open: (SegmentRecord) throws -> [UInt8]) throws -> Demuxer {
        let name = "raw segment \(segment.path) (decrypted in memory)"
        do {
            return try Demuxer(reading: try open(segment), format: "mpegts", describedAs: name)
        } catch let error as MediaError {
            throw UnlockError(.unreadableSegment, "\(name) of camera \(segment.camera) cannot be demuxed (\(error)); unlock around it, split at \(Timestamps.format(segment.start)).")
        }
    }

    private func checkSameTracks(_ streams: [StreamInfo], as tracks: [Int: Track], segment: SegmentRecord) throws {
        for (index, track) in tracks {
            guard index < streams.count, streams[index].codecName == track.source.codecName else {
                let now = streams.map { "\($0.index): \($0.codecName)" }.joined(separator: ", ")
                throw UnlockError(.formatChanged, "raw segment \(segment.path) has tracks [\(now)] but the unlock began with track \(index) as \(track.source.codecName) (the camera changed format); unlock the two parts separately, split at \(Timestamps.format(segment.start)).")
            }
        }
    }
}
