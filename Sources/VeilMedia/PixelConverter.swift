internal import CFFmpeg

/// Converts decoded frames of any pixel format to YUV 4:2:0 at the same size, which is what
/// the redactor and encoder work on. Owns one `SwsContext`, freed in `deinit`.
public final class PixelConverter: @unchecked Sendable {
    private var context: OpaquePointer? = nil

    public init() {}

    deinit { sws_freeContext(context) }

    /// Writes `source` converted into `destination` (unreferenced first); copies timing.
    public func convert(_ source: Frame, into destination: Frame) throws {
        destination.unref()
        let width = Int32(source.width), height = Int32(source.height)
        context = sws_getCachedContext(context, width, height, AVPixelFormat(rawValue: source.pointer.pointee.format),
                                       width, height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, nil, nil, nil)
        guard context != nil else {
            throw MediaError(.conversion, "setting up pixel format conversion", location: "frame")
        }
        destination.pointer.pointee.width = width
        destination.pointer.pointee.height = height
        destination.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        var status = av_frame_get_buffer(destination.pointer, 0)
        if status >= 0 { status = sws_scale_frame(context, destination.pointer, source.pointer) }
        guard status >= 0 else {
            throw MediaError(.conversion, "converting a frame to YUV 4:2:0", location: "frame", status: status)
        }
        av_frame_copy_props(destination.pointer, source.pointer)
    }
}
