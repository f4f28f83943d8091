internal import CFFmpeg
import VeilCore

/// Reads packets from any input FFmpeg opens (files now, network streams later).
/// Owns one `AVFormatContext`, closed in `deinit`.
public final class Demuxer: @unchecked Sendable {
    let context: UnsafeMutablePointer<AVFormatContext>
    /// The input's name with any credentials removed; used in every message.
    public let location: String
    public let streams: [StreamInfo]
    private let interrupt: InterruptDeadline
    /// The in-memory input, when there is one; freed after the format context is closed.
    private let byteSource: ByteSourceIO?

    /// Opens `url` and probes its streams. `options` are FFmpeg demuxer/protocol options.
    /// `timeout` bounds opening and each later read: a call that blocks longer fails with
    /// `isTimeout` (for network inputs; nil waits as long as the input takes).
    /// `probing: false` skips FFmpeg's stream probing, which decodes frames (~10 ms a file):
    /// enough for stream copy from a container whose header describes its tracks (MP4), not
    /// for decoding or for streams that only announce themselves in their packets.
    public convenience init(url: String, options: [String: String] = [:], timeout: Duration? = nil, probing: Bool = true) throws {
        try self.init(location: redactingCredentials(url), url: url, format: nil, options: options, timeout: timeout,
                      byteSource: nil, probing: probing)
    }

    /// Opens `url`, or `byteSource` when given, as `format` (nil: probed).
    init(location: String, url: String, format: String?, options: [String: String], timeout: Duration?,
         byteSource: ByteSourceIO?, probing: Bool = true) throws {
        self.location = location
        self.byteSource = byteSource
        interrupt = InterruptDeadline(timeout: timeout)
        var dictionary: OpaquePointer? = nil
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        defer { av_dict_free(&dictionary) }

        guard var opened = avformat_alloc_context() else {
            throw MediaError(.allocation, "allocating a demuxer", location: location)
        }
        opened.pointee.interrupt_callback = interrupt.callback
        if let byteSource {
            opened.pointee.pb = byteSource.context
            opened.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        }
        let inputFormat = format.flatMap { av_find_input_format($0) }
        interrupt.arm()
        var openedOrNil: UnsafeMutablePointer<AVFormatContext>? = opened
        var status = avformat_open_input(&openedOrNil, url, inputFormat, &dictionary)
        guard status >= 0, let openedInput = openedOrNil else {
            throw MediaError(interrupt.hasExpired ? .timeout : .openInput, "opening the input",
                             location: location, status: status)
        }
        opened = openedInput
        interrupt.arm()
        status = probing ? avformat_find_stream_info(opened, nil) : 0
        guard status >= 0 else {
            var toClose: UnsafeMutablePointer<AVFormatContext>? = opened
            avformat_close_input(&toClose)
            throw MediaError(interrupt.hasExpired ? .timeout : .openInput,
                             "reading the stream information", location: location, status: status)
        }
        context = opened
        streams = (0..<Int(opened.pointee.nb_streams)).map { Demuxer.describe(opened.pointee.streams[$0]!, index: $0) }
    }

    deinit {
        var toClose: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&toClose)
    }

    /// The stream FFmpeg considers the main video, or an error naming the input when there is none.
    public func bestVideoStream() throws -> StreamInfo {
        let index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        guard index >= 0, streams[Int(index)].width > 0 else {
            throw MediaError(.noVideoStream, "finding a video stream", location: location)
        }
        return streams[Int(index)]
    }

    /// The container's duration in seconds, nil when it does not say.
    public var durationSeconds: Double? {
        let duration = context.pointee.duration
        return duration > 0 && duration != CFFmpegShims_AV_NOPTS_VALUE ? Double(duration) / Double(AV_TIME_BASE) : nil
    }

    /// Reads the next packet of any stream into `packet` (which is unreferenced first). `timeout`
    /// bounds this read instead of the input's own deadline (a live camera that should be sending).
    public func read(into packet: Packet, timeout: Duration? = nil) throws -> ReadResult {
        packet.unref()
        interrupt.arm(timeout: timeout)
        let status = av_read_frame(context, packet.pointer)
        if status == CFFmpegShims_AVERROR_EOF { return .endOfStream }
        guard status >= 0 else {
            let timedOut = interrupt.hasExpired
            throw MediaError(timedOut ? .timeout : .readPacket, "reading a packet", location: location, status: status)
        }
        return .packet
    }

    /// Every packet left in the input, of every stream, in file order (each its own `Packet`):
    /// for short inputs held whole, such as one segment.
    public func readRemainingPackets() throws -> [Packet] {
        var packets: [Packet] = []
        while true {
            let packet = try Packet()
            guard try read(into: packet) == .packet else { return packets }
            packets.append(packet)
        }
    }

    /// The codec header of `stream` as the container stores it (an MP4's `avcC` for H.264);
    /// empty when there is none.
    public func extradata(of stream: StreamInfo) -> [UInt8] {
        let parameters = self.stream(at: stream.index).pointee.codecpar.pointee
        guard let bytes = parameters.extradata, parameters.extradata_size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(parameters.extradata_size)))
    }

    /// Makes a blocked or later `read` on another thread return at once (shutdown).
    public func cancel() { interrupt.cancel() }

    func stream(at index: Int) -> UnsafeMutablePointer<AVStream> {
        context.pointee.streams[index]!
    }

    private static func describe(_ stream: UnsafeMutablePointer<AVStream>, index: Int) -> StreamInfo {
        let parameters = stream.pointee.codecpar.pointee
        let kind: StreamKind = switch parameters.codec_type {
        case AVMEDIA_TYPE_VIDEO: .video
        case AVMEDIA_TYPE_AUDIO: .audio
        default: .other
        }
        let duration = stream.pointee.duration
        return StreamInfo(
            index: index,
            kind: kind,
            codecName: String(cString: avcodec_get_name(parameters.codec_id)),
            timeBase: TimeBase(stream.pointee.time_base),
            averageFrameRate: TimeBase(stream.pointee.avg_frame_rate),
            width: Int(parameters.width),
            height: Int(parameters.height),
            announcedPacketCount: Int(stream.pointee.nb_frames),
            duration: duration == CFFmpegShims_AV_NOPTS_VALUE ? nil : duration
        )
    }
}
