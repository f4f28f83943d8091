/// What kind of elementary stream a container track holds.
public enum StreamKind: Sendable, Equatable {
    case video, audio, other
}

/// A demuxed stream's properties, copied out of FFmpeg so they can be passed around freely.
public struct StreamInfo: Sendable, Equatable {
    public var index: Int
    public var kind: StreamKind
    public var codecName: String
    public var timeBase: TimeBase
    /// Average frame rate as the container states it (invalid when unknown).
    public var averageFrameRate: TimeBase
    public var width: Int
    public var height: Int
    /// Packets the container's index announces (0 when it does not say).
    public var announcedPacketCount: Int
    /// Duration in `timeBase` ticks, nil when unknown.
    public var duration: Int64?
}

/// The outcome of reading from a demuxer: a packet, or the end of the input.
public enum ReadResult: Sendable, Equatable {
    case packet
    case endOfStream
}

/// The outcome of asking a codec for output.
public enum ReceiveResult: Sendable, Equatable {
    /// The frame or packet passed in now holds output.
    case ready
    /// The codec wants more input before it can produce output.
    case needInput
    /// The codec has been drained and will produce nothing more.
    case endOfStream
}
