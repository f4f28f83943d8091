import VeilMedia

/// What the last fully probed connection of a camera found, so reconnecting to it need not probe
/// for seconds again.
///
/// FFmpeg's stream probing (`avformat_find_stream_info`) reads until it has decoded enough to be
/// sure of every parameter: with its defaults (5 MB, 5 s) a reconnection to an RTSP camera waits
/// 2–4 s before the first packet comes out. A camera whose stream has not changed says everything
/// that matters in its session description (codec, parameter sets, hence the picture size), so a
/// reconnection opens with a probe of one packet and keeps it only if what that found matches
/// this; anything else (another size, codec or track layout) is probed in full again.
struct KnownStreams: Sendable {
    /// The options that make FFmpeg stop probing after the first packet (a probe size of 0 or an
    /// analysis duration of 0 means "the default" to FFmpeg, hence the smallest non-zero values).
    static let briefProbing = ["probesize": "32", "analyzeduration": "100000"]

    let video: StreamInfo
    let recorded: [StreamInfo]

    /// Whether a briefly probed input describes the same streams: same tracks in the same order,
    /// each with the same codec, picture size and time base.
    func matches(video other: StreamInfo, recorded others: [StreamInfo]) -> Bool {
        guard Self.sameParameters(video, other), recorded.count == others.count else { return false }
        return zip(recorded, others).allSatisfy(Self.sameParameters)
    }

    private static func sameParameters(_ a: StreamInfo, _ b: StreamInfo) -> Bool {
        a.index == b.index && a.kind == b.kind && a.codecName == b.codecName && a.width == b.width
            && a.height == b.height && a.timeBase == b.timeBase
    }
}
