internal import CFFmpeg

/// Frees an `AVIOContext` made by `avio_alloc_context` and its buffer. The context's own
/// buffer pointer is freed, not the one handed in: FFmpeg may have replaced it.
func freeCustomIOContext(_ context: UnsafeMutablePointer<AVIOContext>) {
    av_freep(&context.pointee.buffer)
    var toFree: UnsafeMutablePointer<AVIOContext>? = context
    avio_context_free(&toFree)
}
