internal import CFFmpeg

/// Decodes one demuxed stream. Owns one `AVCodecContext`, freed in `deinit`.
public final class Decoder: @unchecked Sendable {
    private let context: UnsafeMutablePointer<AVCodecContext>
    private let location: String
    public let stream: StreamInfo

    /// True when frames are decoded by VAAPI (see `HardwareDecoding`).
    public let usesHardware: Bool
    /// Where VAAPI frames are copied to system memory; nil when decoding in software.
    private let downloaded: Frame?
    /// True when the codec was asked to attach its motion vectors to each frame (`Frame.motionField`).
    public let exportsMotionVectors: Bool

    /// Opens a decoder for `stream` of `demuxer`. `threads` = 0 lets FFmpeg choose. With
    /// `exportMotionVectors`, codecs that can (H.264, MPEG-2/4; not HEVC in FFmpeg 5.1, nor VAAPI)
    /// attach each frame's motion vectors to it, read with `Frame.motionField`.
    public init(demuxer: Demuxer, stream: StreamInfo, threads: Int = 0, hardware: HardwareDecoding = .none,
                exportMotionVectors: Bool = false) throws {
        location = demuxer.location
        self.stream = stream
        let parameters = demuxer.stream(at: stream.index).pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw MediaError(.unsupported, "finding a decoder for \(stream.codecName)", location: location)
        }
        var allocated = avcodec_alloc_context3(codec)
        guard let candidate = allocated else {
            throw MediaError(.allocation, "allocating a decoder", location: location)
        }
        var usesHardware = false
        do {
            switch hardware {
            case .none:
                break
            case .vaapi(let device):
                try Self.attachVAAPI(to: candidate, codec: codec, device: device, codecName: stream.codecName, location: location)
                usesHardware = true
            case .automatic(let device):
                usesHardware = (try? Self.attachVAAPI(to: candidate, codec: codec, device: device,
                                                      codecName: stream.codecName, location: location)) != nil
            }
            downloaded = usesHardware ? try Frame() : nil
        } catch {
            avcodec_free_context(&allocated)
            throw error
        }
        var status = avcodec_parameters_to_context(candidate, parameters)
        if status >= 0 {
            candidate.pointee.pkt_timebase = stream.timeBase.rational
            candidate.pointee.thread_count = Int32(threads)
            if exportMotionVectors { candidate.pointee.export_side_data |= Int32(AV_CODEC_EXPORT_DATA_MVS) }
            status = avcodec_open2(candidate, codec, nil)
        }
        guard status >= 0 else {
            avcodec_free_context(&allocated)
            throw MediaError(.decoderSetup, "opening the \(stream.codecName) decoder", location: location, status: status)
        }
        context = candidate
        self.usesHardware = usesHardware
        exportsMotionVectors = exportMotionVectors
    }

    deinit {
        var toFree: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&toFree)
    }

    /// Feeds one packet. Returns `.needInput` when accepted; `.ready` when the decoder is full
    /// and frames must be received before this packet can be sent again.
    public func send(_ packet: Packet) throws -> ReceiveResult {
        let status = avcodec_send_packet(context, packet.pointer)
        if status == CFFmpegShims_AVERROR_EAGAIN { return .ready }
        guard status >= 0 else {
            throw MediaError(.decode, "decoding a \(stream.codecName) packet", location: location, status: status)
        }
        return .needInput
    }

    /// Tells the decoder the input has ended so it returns the frames it still holds.
    public func sendEndOfStream() throws {
        let status = avcodec_send_packet(context, nil)
        guard status >= 0 || status == CFFmpegShims_AVERROR_EOF else {
            throw MediaError(.decode, "flushing the \(stream.codecName) decoder", location: location, status: status)
        }
    }

    /// Receives the next decoded frame into `frame` (unreferenced first). The frame's `pts`
    /// is the best-effort presentation time in the stream's time base.
    public func receive(into frame: Frame) throws -> ReceiveResult {
        frame.unref()
        let status = avcodec_receive_frame(context, frame.pointer)
        if status == CFFmpegShims_AVERROR_EAGAIN { return .needInput }
        if status == CFFmpegShims_AVERROR_EOF { return .endOfStream }
        guard status >= 0 else {
            throw MediaError(.decode, "decoding \(stream.codecName)", location: location, status: status)
        }
        if let downloaded {
            try Self.downloadIfOnGPU(frame, scratch: downloaded, codecName: stream.codecName, location: location)
        }
        frame.pointer.pointee.pts = frame.pointer.pointee.best_effort_timestamp
        if exportsMotionVectors && context.pointee.has_b_frames > 0 {
            // With reordered (B) pictures a vector may span several frames, or point ahead:
            // not the one-frame motion `Frame.motionField` promises, so none is given.
            av_frame_remove_side_data(frame.pointer, AV_FRAME_DATA_MOTION_VECTORS)
        }
        return .ready
    }
}
