import VeilMedia
import VeilVision

extension RedactionKnob {
    /// Every redaction setting of `redaction:`, a camera's `overrides:` and `veil redact`, in
    /// the order `veil.example.yaml` lists them (problems in one line are reported in this
    /// order). A new setting is a field of `RedactionSettings` (its default), a line here,
    /// its use in `RedactionSettings.redactionOptions`, and its `@Option(knob:)` (or
    /// `@Flag(knob:)`) property in the CLI, named as its flag.
    public static let all: [RedactionKnob] = [
        .choice(\.style, "style", help: "How hidden pixels look; pixelate (mosaic) is opt-in because mosaic faces can be re-identified."),
        .integer(\.blurStrength, "blurStrength", 1...100, help: "Blur kernel as a percentage of each region's smaller side."),
        .integer(\.pixelateBlock, "pixelateBlock", 2...256, help: "Mosaic block size in pixels, with style pixelate."),
        .integer(\.solidLuma, "solidLuma", 0...255, help: "Fill brightness (luma), with style solid."),
        .number(\.faceThreshold, "faceThreshold", 0...1, help: "Face detector score threshold."),
        .number(\.personThreshold, "personThreshold", 0...1,
                help: "Person detector score threshold (low on purpose: chosen by recall, see models/README.md)."),
        .choice(\.personModel, "personModel",
                help: "Person detector model; yoloV3TinyInt8 (int8 on OpenVINO) costs less CPU and finds a little less."),
        .onOff(\.closeRangePass, "closeRangePass", help: "With either YOLO, also run SSDLite on the whole frame for large, close people."),
        .integer(\.faceCadence, "faceCadence", 1...Int.max, pipelineName: "the face detector's cadence",
                 help: "Run the face detector every N frames."),
        .integer(\.personCadence, "personCadence", 1...Int.max, pipelineName: "the person detector's cadence",
                 help: "Run the person detector every N frames."),
        .integer(\.holdFrames, "holdFrames", 0...Int.max, pipelineName: "tracker.holdFrames",
                 help: "Keep a mask this many frames after its last detection."),
        .integer(\.stalenessFrames, "stalenessFrames", 0...Int.max, pipelineName: "masks.stalenessFrames",
                 help: "Mask whole frames when the freshest detection is more than N frames old (no less than the cadences, no more than the hold)."),
        .integer(\.stillSceneReuseFrames, "stillSceneReuseFrames", 0...Int.max,
                 help: "Reuse a detector's last result while the picture is unchanged, for at most N frames (0: always run)."),
        .integer(\.deferMaskedChangeFrames, "deferMaskedChangeFrames", 0...250,
                 help: "While all that changed since the last person run lies under masks that follow the picture, "
                     + "run the person detector at least every N frames, not at every due run (0: every due run; "
                     + "no more than the hold and the staleness; off with stillSceneReuseFrames 0)."),
        .integer(\.lookaheadFrames, "lookaheadFrames", 0...250, unset: "the larger cadence", pipelineName: "lookaheadFrames",
                 help: "Hold this many frames so a person detected later is masked on the frames before, as they came in "
                     + "(0: off; no more than the hold; delays live video by as many frames)."),
        .onOff(\.followMotionVectors, "followMotionVectors",
               help: "Move masks between detector runs with the stream's motion vectors (H.264, MPEG-4), growing them where the vectors disagree."),
        .onOff(\.eventTriggers, "eventTriggers", help: "Run the detectors as soon as something moves that no mask covers, not only at the cadence."),
        .onOff(\.motionNet, "motionNet",
               help: "Mask regions that keep moving with no detection on them (the motion safety net; on by default for cameras)."),
        .integer(\.motionNetFrames, "motionNetFrames", 1...250, help: "Frames a region must keep moving uncovered before the motion net masks it."),
        .number(\.margin, "margin", 0...2, pipelineName: "masks.margin", help: "Grow every mask by this fraction of its size on each side."),
        .onOff(\.headsOnly, "headsOnly", help: "Hide only the head region of each person instead of the whole body."),
        .onOff(\.keepAudio, "keepAudio", help: "Keep the input's audio in the redacted output."),
        .choice(\.hardwareDecoding, "hardwareDecoding", flag: "hwaccel",
                help: "Decode on the CPU (none), with VAAPI (vaapi; fails without a usable GPU), or VAAPI when available (auto)."),
        .text(\.vaapiDevice, "vaapiDevice", flag: "hwaccel-device",
              accepted: "an absolute path such as \(HardwareDecoding.defaultDevice)", where: { $0.hasPrefix("/") },
              help: "VAAPI render node, with hardware decoding vaapi or auto."),
        .text(\.encoderCodec, "encoder.codec", flag: "encoder", accepted: "an FFmpeg encoder name such as libx264",
              where: { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }, help: "FFmpeg video encoder."),
        .text(\.encoderPreset, "encoder.preset", flag: "preset", among: EncoderSettings.presets, help: "Encoder speed preset."),
        .integer(\.encoderCRF, "encoder.crf", flag: "crf", 0...51, help: "Constant rate factor (lower is better quality)."),
        .text(\.encoderTune, "encoder.tune", flag: "tune", among: EncoderSettings.tunes, none: "none",
              help: "x264 tune; zerolatency (the cameras' default) holds no frames back."),
    ]
}
