/// How the redacted video is compressed.
public struct EncoderSettings: Sendable, Equatable {
    /// FFmpeg encoder name; libx264 by default, any installed video encoder may be named.
    public var codecName: String
    /// x264-style speed preset (ultrafast … veryslow); ignored by encoders without presets.
    public var preset: String
    /// Constant rate factor (0–51, lower is better quality); ignored by encoders without CRF.
    public var crf: Int
    /// Frames between keyframes; nil means two seconds at the stream's frame rate.
    public var gopFrames: Int?
    /// Encoder threads; 0 lets the encoder choose from the core count.
    public var threads: Int
    /// x264-style tuning, e.g. `zerolatency` (no look-ahead, no B-frames: every frame leaves
    /// the encoder as soon as it is coded); nil for none. Ignored by encoders without tunes.
    public var tune: String?

    public init(codecName: String = "libx264", preset: String = "veryfast", crf: Int = 23,
                gopFrames: Int? = nil, threads: Int = 0, tune: String? = nil) {
        self.codecName = codecName
        self.preset = preset
        self.crf = crf
        self.gopFrames = gopFrames
        self.threads = threads
        self.tune = tune
    }

    /// The tune cameras use unless configured otherwise: live video must not wait in the encoder.
    public static let liveTune = "zerolatency"
    public static let tunes = ["film", "animation", "grain", "stillimage", "fastdecode", "zerolatency"]

    public static let presets = ["ultrafast", "superfast", "veryfast", "faster", "fast",
                                 "medium", "slow", "slower", "veryslow", "placebo"]
}
