internal import CFFmpeg

/// Encodes YUV 4:2:0 frames. Owns one `AVCodecContext`, freed in `deinit`.
public final class Encoder: @unchecked Sendable {
    let context: UnsafeMutablePointer<AVCodecContext>
    private let location: String
    public let settings: EncoderSettings
    /// Time base of the frames sent and packets received.
    public let timeBase: TimeBase
    /// Frame durations by pts: encoders with look-ahead do not carry them through, so each
    /// packet gets its frame's back (variable frame rate included).
    private var durations: [Int64: Int64] = [:]

    /// Opens the encoder. Frames sent must carry `pts` in `timeBase`. `globalHeader` must be
    /// true when the muxer keeps codec headers out of band (MP4).
    public init(settings: EncoderSettings, width: Int, height: Int, timeBase: TimeBase,
                frameRate: TimeBase, globalHeader: Bool, location: String) throws {
        self.location = location
        self.settings = settings
        self.timeBase = timeBase
        guard let codec = avcodec_find_encoder_by_name(settings.codecName) else {
            throw MediaError(.unsupported, "finding the encoder '\(settings.codecName)' (see `ffmpeg -encoders`)",
                             location: location)
        }
        var allocated = avcodec_alloc_context3(codec)
        guard let candidate = allocated else {
            throw MediaError(.allocation, "allocating an encoder", location: location)
        }
        candidate.pointee.width = Int32(width)
        candidate.pointee.height = Int32(height)
        candidate.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        candidate.pointee.time_base = timeBase.rational
        if frameRate.isValid { candidate.pointee.framerate = frameRate.rational }
        let framesPerSecond = frameRate.isValid ? Double(frameRate.numerator) / Double(frameRate.denominator) : 25
        candidate.pointee.gop_size = Int32(settings.gopFrames ?? max(1, Int((2 * framesPerSecond).rounded())))
        candidate.pointee.thread_count = Int32(settings.threads)
        if globalHeader { candidate.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }

        // Options an encoder does not have stay in the dictionary and are ignored.
        var options: OpaquePointer? = nil
        av_dict_set(&options, "preset", settings.preset, 0)
        av_dict_set(&options, "crf", String(settings.crf), 0)
        if let tune = settings.tune { av_dict_set(&options, "tune", tune, 0) }
        let status = avcodec_open2(candidate, codec, &options)
        av_dict_free(&options)
        guard status >= 0 else {
            avcodec_free_context(&allocated)
            throw MediaError(.encoderSetup, "opening the \(settings.codecName) encoder", location: location, status: status)
        }
        context = candidate
    }

    /// The codec header the encoder produced when opened (with `globalHeader`), e.g. H.264's
    /// SPS and PPS; empty when it keeps its headers in band.
    public var extradata: [UInt8] {
        guard let bytes = context.pointee.extradata, context.pointee.extradata_size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(context.pointee.extradata_size)))
    }

    deinit {
        var toFree: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&toFree)
    }

    /// Feeds one frame. Returns `.ready` when the encoder is full and packets must be received first.
    public func send(_ frame: Frame) throws -> ReceiveResult {
        frame.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        let status = avcodec_send_frame(context, frame.pointer)
        if status == CFFmpegShims_AVERROR_EAGAIN { return .ready }
        guard status >= 0 else {
            throw MediaError(.encode, "encoding a frame with \(settings.codecName)", location: location, status: status)
        }
        if let pts = frame.pts, frame.duration > 0 { durations[pts] = frame.duration }
        return .needInput
    }

    /// Tells the encoder the input has ended so it returns the packets it still holds.
    public func sendEndOfStream() throws {
        let status = avcodec_send_frame(context, nil)
        guard status >= 0 || status == CFFmpegShims_AVERROR_EOF else {
            throw MediaError(.encode, "flushing the \(settings.codecName) encoder", location: location, status: status)
        }
    }

    /// Receives the next encoded packet into `packet` (unreferenced first), timed in `timeBase`,
    /// with the duration of the frame it encodes.
    public func receive(into packet: Packet) throws -> ReceiveResult {
        packet.unref()
        let status = avcodec_receive_packet(context, packet.pointer)
        if status == CFFmpegShims_AVERROR_EAGAIN { return .needInput }
        if status == CFFmpegShims_AVERROR_EOF { return .endOfStream }
        guard status >= 0 else {
            throw MediaError(.encode, "encoding with \(settings.codecName)", location: location, status: status)
        }
        if let pts = packet.pts, let duration = durations.removeValue(forKey: pts) { packet.duration = duration }
        return .ready
    }
}
