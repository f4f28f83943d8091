import ArgumentParser
import VeilConfig

/// Encoder options shared by the commands that write video. The codec, preset, crf and tune
/// are the `encoder:` keys of `veil.yaml` (`RedactionKnob.all`); gop and threads are not.
struct EncodingArguments: ParsableArguments {
    @Option(knob: \.encoderCodec) var encoder: String?
    @Option(knob: \.encoderPreset) var preset: String?
    @Option(knob: \.encoderCRF) var crf: String?

    @Option(help: "Frames between keyframes (default: 2 seconds' worth).")
    var gop: Int?

    @Option(knob: \.encoderTune) var tune: String?

    @Option(help: "Threads for the decoder, the encoder and OpenCV each (0: automatic).")
    var threads = 0

    func validate() throws {
        _ = try overrides()
        if let gop, gop < 1 { throw ValidationError("--gop must be at least 1, not \(gop)") }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (automatic) or more, not \(threads)") }
    }

    /// The encoder settings the flags set.
    func overrides() throws -> RedactionOverrides {
        try .given(by: self)
    }
}
