import Foundation
import VeilArchive
import VeilMedia
import VeilVault

/// Remuxes decrypted raw segments (MPEG-TS held in memory) by stream copy into one MP4,
/// every track kept. Output time follows the catalog, as the exporter's: each segment's
/// packets are placed at its catalogued start relative to the first segment's, and decoding
/// times stay strictly increasing per track across joins.
struct RawRemuxer {
    struct Outcome {
        var packets: Int
        var tracks: Int
    }

    /// Per output track: what it was created from, and where its timeline stands.
    private struct Track {
        let source: StreamInfo
        let output: Int
        var timeline: JoinedTrackTimeline
    }

    /// `open(segment)` returns the segment's decrypted bytes (the vault audits it).
    func remux(_ segments: [SegmentRecord], open: (SegmentRecord) throws -> [UInt8], into output: String,
               progress: (Int) -> Void) throws -> Outcome {
        let muxer = try Muxer(path: output, format: "mp4", fastStart: true)
        var tracks: [Int: Track] = [:]
        var origin: Date? = nil
        var packets = 0
        for (number, segment) in segments.enumerated() {
            defer { progress(number + 1) }
            let demuxer = try demux(segment, open: open)
            if origin == nil {
                for stream in demuxer.streams where stream.codecName != "none" {
                    tracks[stream.index] = Track(source: stream, output: try muxer.addStream(copying: stream, of: demuxer),
                                                 timeline: JoinedTrackTimeline(timeBase: stream.timeBase))
                }
                try muxer.writeHeader()
                origin = segment.start
            } else {
                try checkSameTracks(demuxer.streams, as: tracks, segment: segment)
            }
            let loaded = try readAll(demuxer)
            // The segment's earliest time, in seconds: tick 0 of its catalogued start.
            let base = loaded.compactMap { packet in
                (packet.dts ?? packet.pts).map { demuxer.streams[packet.streamIndex].timeBase.seconds($0) }
            }.min() ?? 0
            let offset = segment.start.timeIntervalSince(origin!)
            for packet in loaded {
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
        try muxer.finish()
        return Outcome(packets: packets, tracks: tracks.count)
    }

    private func demux(_ segment: SegmentRecord, open: (SegmentRecord) throws -> [UInt8]) throws -> Demuxer {
        let name = "raw segment \(segment.path) (decrypted in memory)"
        do {
            return try Demuxer(reading: try open(segment), format: "mpegts", describedAs: name)
        } catch let error as MediaError {
            throw UnlockError(.unreadableSegment, "\(name) of camera \(segment.camera) cannot be demuxed (\(error)); unlock around it, split at \(Timestamps.format(segment.start)).")
        }
    }

    private func readAll(_ demuxer: Demuxer) throws -> [Packet] {
        var packets: [Packet] = []
        while true {
            let packet = try Packet()
            guard try demuxer.read(into: packet) == .packet else { break }
            packets.append(packet)
        }
        return packets
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
