public import Foundation
public import VeilArchive
import VeilMedia

/// Recorded redacted footage as HLS video on demand: the same segments and the same whole
/// GOPs a keyframe `veil export` of the range joins, each segment served as fragmented MP4
/// by stream copy (no re-encode). Reads the catalog read-only; writes nothing.
public struct RecordedPlayback: Sendable {
    /// One segment's part of the range, ready to serve.
    public struct Fragment: Sendable {
        /// `ftyp`+`moov` for this segment's encoder.
        public let initialization: [UInt8]
        /// One `moof`+`mdat` holding every kept picture.
        public let media: [UInt8]
        public let frames: Int
        public let duration: Double
    }

    public let dataDirectory: String

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// The segments of `camera` in `from..<to`; throws ``ExportError`` as `veil export` would.
    public func plan(camera: String, from: Date, to: Date) throws -> ExportPlan {
        try ExportPlan(catalog: try Catalog(dataDirectory: dataDirectory, readOnly: true), camera: camera, from: from, to: to)
    }

    /// The catalogued redacted segment `id` of `camera`, or nil (another camera's, raw, or unknown).
    public func segment(_ id: SegmentID, camera: String) throws -> SegmentRecord? {
        guard let record = try Catalog(dataDirectory: dataDirectory, readOnly: true).segment(id),
              record.camera == camera, record.kind == .redacted, record.status == .present else { return nil }
        return record
    }

    /// The whole GOPs of `segment` that overlap `range`, as fragmented MP4, its times on one
    /// timeline for the whole range (so the segments of a playlist follow each other as they
    /// were recorded): 0 is an hour before the range starts, earlier than any GOP it can keep.
    public func fragment(of segment: SegmentRecord, overlapping range: Range<Date>) throws -> Fragment {
        let (path, demuxer, video, loaded) = try ClipJoiner.open(segment, dataDirectory: dataDirectory,
                                                                 advice: "Run 'veil status' to reconcile the catalog.")
        let packets = WholeGOPSelection(loaded.packets, timeBase: loaded.timeBase, base: loaded.base,
                                        start: segment.start, end: segment.end, overlapping: range).packets
        let writer = try FragmentedMP4Writer(copying: video, of: demuxer, describedAs: path)
        let origin = range.lowerBound.addingTimeInterval(-3600)
        let offset = Int64((segment.start.timeIntervalSince(origin) * Double(loaded.timeBase.denominator)
                            / Double(loaded.timeBase.numerator)).rounded())
        var timeline = JoinedTrackTimeline(timeBase: loaded.timeBase)
        var first: Int64?, last: Int64?
        for packet in packets {
            timeline.place(packet, from: loaded.timeBase, base: loaded.base, offset: offset)
            let pts = packet.pts ?? packet.dts ?? 0
            first = min(first ?? pts, pts)
            last = max(last ?? pts, pts + max(packet.duration, 0))
            try writer.write(packet)
        }
        let media = try writer.cut()
        return Fragment(initialization: writer.initialization, media: media, frames: packets.count,
                        duration: loaded.timeBase.seconds((last ?? 0) - (first ?? 0)))
    }
}
