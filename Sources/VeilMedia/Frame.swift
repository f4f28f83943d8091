internal import CFFmpeg
public import VeilCore

/// A decoded picture. Owns one `AVFrame`, freed in `deinit`.
///
/// One owner at a time (a stage hands it on and forgets it). Pixels are reached only inside
/// `withPlanes`, after `makeWritable()` when they will be changed.
public final class Frame: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<AVFrame>
    /// When the packet this picture was decoded from was read from its source, for the live
    /// recorder's latency metric; nil unless the decoding stage sets it. Kept beside the
    /// `AVFrame`, so FFmpeg neither copies nor clears it (`unref` and `moveReference` leave it).
    public var packetReadTime: ContinuousClock.Instant?

    public init() throws {
        guard let frame = av_frame_alloc() else {
            throw MediaError(.allocation, "allocating a frame", location: "memory")
        }
        pointer = frame
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    /// Drops the picture so the frame can be reused.
    public func unref() { av_frame_unref(pointer) }

    public var width: Int { Int(pointer.pointee.width) }
    public var height: Int { Int(pointer.pointee.height) }
    public var size: Size { Size(width: Double(width), height: Double(height)) }

    /// Presentation time in the stream's time base, nil when unknown.
    public var pts: Int64? {
        get { pointer.pointee.pts == CFFmpegShims_AV_NOPTS_VALUE ? nil : pointer.pointee.pts }
        set { pointer.pointee.pts = newValue ?? CFFmpegShims_AV_NOPTS_VALUE }
    }

    /// Display duration in the stream's time base (0 when the container did not say).
    public var duration: Int64 {
        get { pointer.pointee.pkt_duration }
        set { pointer.pointee.pkt_duration = newValue }
    }

    /// Whether the pixels are 8-bit YUV 4:2:0 planar, the layout the redactor works on.
    public var isYUV420: Bool {
        let format = AVPixelFormat(rawValue: pointer.pointee.format)
        return format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P
    }

    /// Ensures the pixel buffers belong to this frame alone. Decoders share buffers with their
    /// reference pictures; writing without this corrupts later frames.
    public func makeWritable() throws {
        let status = av_frame_make_writable(pointer)
        guard status >= 0 else {
            throw MediaError(.allocation, "making a frame writable", location: "memory", status: status)
        }
    }

    /// Lends the YUV 4:2:0 planes to `body`; the views must not escape it.
    public func withPlanes<R>(_ body: (YUV420Image) throws -> R) rethrows -> R {
        precondition(isYUV420, "withPlanes needs a YUV 4:2:0 frame; convert it first")
        let chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2
        func plane(_ index: Int32, _ width: Int, _ height: Int) -> PlaneView {
            PlaneView(base: CFFmpegShims_framePlane(pointer, index),
                      stride: Int(CFFmpegShims_frameStride(pointer, index)), width: width, height: height)
        }
        let image = YUV420Image(y: plane(0, width, height),
                                u: plane(1, chromaWidth, chromaHeight),
                                v: plane(2, chromaWidth, chromaHeight))
        return try body(image)
    }
}

extension Frame {
    /// Takes over `other`'s picture without copying pixels; `other` is left empty.
    public func moveReference(from other: Frame) {
        av_frame_unref(pointer)
        av_frame_move_ref(pointer, other.pointer)
    }
}

extension Frame {
    /// Gives the frame a presentation time strictly after `previous`, as encoders and muxers
    /// require: a missing time follows on by the frame's duration, and a broken input's
    /// repeated or backward time is moved just past the previous one. Returns the time set.
    @discardableResult
    public func makeTimestampFollow(_ previous: Int64?) -> Int64 {
        var next = pts ?? (previous.map { $0 + max(1, duration) } ?? 0)
        if let previous, next <= previous { next = previous + 1 }
        pts = next
        return next
    }
}
