/// Writes one video stream as fragmented MP4 in memory, for HLS: an initialisation segment
/// (`ftyp`+`moov`, no samples) and then media segments (`moof`+`mdat`) cut where the caller
/// asks, each of which must begin with a keyframe to play on its own. Nothing touches a file.
/// Used on one thread at a time.
public final class FragmentedMP4Writer: @unchecked Sendable {
    /// `ftyp` and `moov`: what a player needs before any media segment.
    public let initialization: [UInt8]
    private let muxer: Muxer
    private let collector: ByteCollector
    /// Samples written since the last cut.
    public private(set) var samplesSinceCut = 0

    // `frag_custom`: fragments end only at `cut()`; `empty_moov`: the init segment holds no
    // samples; `default_base_moof`: offsets relative to each moof, as HLS and MSE expect;
    // `frag_discont` with negative times allowed: each fragment's `tfdt` is its first packet's
    // own decoding time (otherwise the muxer restarts every writer's timeline at 0, and a
    // playlist's segments, one writer each, would all claim to start at 0). Times must
    // therefore not be negative.
    private static let options = ["movflags": "frag_custom+empty_moov+default_base_moof+frag_discont",
                                  "avoid_negative_ts": "disabled"]

    /// For the packets `encoder` produces.
    public convenience init(encoder: Encoder, describedAs name: String) throws {
        try self.init(describedAs: name) { try $0.addStream(from: encoder) }
    }

    /// For the packets of `stream`, read from `demuxer` and copied unchanged.
    public convenience init(copying stream: StreamInfo, of demuxer: Demuxer, describedAs name: String) throws {
        try self.init(describedAs: name) { try $0.addStream(copying: stream, of: demuxer) }
    }

    private init(describedAs name: String, addStream: (Muxer) throws -> Int) throws {
        let collector = ByteCollector()
        let muxer = try Muxer(format: "mp4", describedAs: name) { collector.bytes.append(contentsOf: $0) }
        _ = try addStream(muxer)
        try muxer.writeHeader(options: Self.options)
        try muxer.flush()
        initialization = collector.bytes
        collector.bytes = []
        self.muxer = muxer
        self.collector = collector
    }

    /// Adds `packet` (its times in the time base its stream was added with, not negative) to
    /// the fragment being built; the packet's data is consumed.
    public func write(_ packet: Packet) throws {
        try muxer.write(packet, toStream: 0)
        samplesSinceCut += 1
    }

    /// Ends the fragment being built and returns it as one media segment (empty when no
    /// sample was written since the last cut).
    public func cut() throws -> [UInt8] {
        guard samplesSinceCut > 0 else { return [] }
        try muxer.flush()
        samplesSinceCut = 0
        defer { collector.bytes = [] }
        return collector.bytes
    }
}

/// What the muxer has written since it was last emptied.
private final class ByteCollector: @unchecked Sendable {
    var bytes: [UInt8] = []
}
