import ArgumentParser
import VeilMedia

/// Encoder options shared by the commands that write video.
struct EncodingArguments: ParsableArguments {
    @Option(help: "FFmpeg video encoder.")
    var encoder = "libx264"

    @Option(help: "Encoder speed preset (\(EncoderSettings.presets.joined(separator: ", "))).")
    var preset = "veryfast"

    @Option(help: "Constant rate factor, 0–51 (lower is better quality).")
    var crf = 23

    @Option(help: "Frames between keyframes (default: 2 seconds' worth).")
    var gop: Int?

    @Option(help: "x264 tune (\(EncoderSettings.tunes.joined(separator: ", "))); none by default.")
    var tune: String?

    @Option(help: "Threads for the decoder, the encoder and OpenCV each (0: automatic).")
    var threads = 0

    func validate() throws {
        guard EncoderSettings.presets.contains(preset) else {
            throw ValidationError("unknown --preset '\(preset)'; use one of \(EncoderSettings.presets.joined(separator: ", "))")
        }
        guard (0...51).contains(crf) else { throw ValidationError("--crf must be between 0 and 51, not \(crf)") }
        if let gop, gop < 1 { throw ValidationError("--gop must be at least 1, not \(gop)") }
        if let tune, !EncoderSettings.tunes.contains(tune) {
            throw ValidationError("unknown --tune '\(tune)'; use one of \(EncoderSettings.tunes.joined(separator: ", "))")
        }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (automatic) or more, not \(threads)") }
    }

    var settings: EncoderSettings {
        EncoderSettings(codecName: encoder, preset: preset, crf: crf, gopFrames: gop, threads: threads, tune: tune)
    }
}
