internal import CFFmpeg

/// Process-wide settings of the FFmpeg libraries.
public enum MediaLibrary {
    /// Silences FFmpeg's own logging. Veil reports every failure itself, with FFmpeg's message
    /// and the input's name, so the user sees one clear line instead of library chatter.
    public static func silenceLibraryLogs() {
        av_log_set_level(CFFmpegShims_AV_LOG_QUIET)
    }
}
