public import VeilCore
public import VeilVision
public import VeilMedia

/// The detection and redaction settings of one camera, as written under `redaction:` (the
/// defaults) and each camera's `overrides:`. Defaults are taken from the types they feed,
/// so this file and `veil redact` cannot drift apart.
public struct RedactionSettings: Sendable, Hashable {
    /// How hidden pixels look. Default blur; pixelate (mosaic) is opt-in because mosaic
    /// faces can be re-identified.
    public var style: RedactionStyleKind = .blur
    /// Blur kernel as a percentage of each region's smaller side, 1–100. Default 50.
    public var blurStrength = 50
    /// Mosaic block size in pixels, 2–256, for `pixelate`. Default 16.
    public var pixelateBlock = 16
    /// Fill luma, 0–255, for `solid`. Default 16 (black in video range), as `veil redact` uses.
    public var solidLuma: UInt8 = 16
    /// Face detector score threshold, 0–1. Default 0.6.
    public var faceThreshold: Float = FaceDetector.Options().scoreThreshold
    /// Person detector score threshold, 0–1. Default 0.05 (chosen by recall, Benchmarks/eval).
    public var personThreshold: Float = PersonDetector.Options().scoreThreshold
    /// Default yoloV3Tiny; yoloV3TinyInt8 costs less CPU and finds a little less (PersonDetector.Model).
    public var personModel: PersonDetector.Model = PersonDetector.Options().model
    /// With either YOLO, also run SSDLite on the whole frame for large, close people. Default true.
    public var closeRangePass = PersonDetector.Options().closeRangeThreshold != nil
    /// Run the face detector every N frames, N ≥ 1. Default 5.
    public var faceCadence = 5
    /// Run the person detector every N frames, N ≥ 1. Default 5.
    public var personCadence = 5
    /// Keep a mask this many frames after its last detection. Default 25.
    public var holdFrames = TrackerConfiguration().holdFrames
    /// Mask whole frames when the freshest detection is more than N frames old. Default 25.
    public var stalenessFrames = MaskPlannerConfiguration().stalenessFrames
    /// Reuse a detector's last result while the picture is unchanged, for at most this many
    /// frames; 0 runs every due detector. Default 50.
    public var stillSceneReuseFrames = StillSceneReuse.Configuration().maximumReuseFrames
    /// Frames held back so a person detected on a frame is masked on the frames before it
    /// that they were entering; nil: the larger cadence (default); 0: off. Live, output is
    /// delayed by this many frames.
    public var lookaheadFrames: Int?
    /// Run the detectors as soon as something moves that no track covers (at most every 2
    /// frames), not only at the cadence. Default true.
    public var eventTriggers = true
    /// Mask regions that keep moving with no detection on them (the motion safety net).
    /// Default false for files, true for cameras (`cameraDefaults`).
    public var motionNet = false
    /// Frames a region must keep moving uncovered before the motion net masks it. Default 10.
    public var motionNetFrames = MotionNet.Configuration().frames
    /// Grow every mask by this fraction of its size on each side, 0–2. Default 0.15.
    public var margin = MaskPlannerConfiguration().margin
    /// Hide only each person's head region instead of the whole body. Default false.
    public var headsOnly = false
    /// Keep the camera's audio in the redacted segments. Default false.
    public var keepAudio = false
    /// Decode on the CPU (none, default), with VAAPI (vaapi: fail without it), or VAAPI when available (auto).
    public var hardwareDecoding = HardwareDecoding.Mode.none
    /// The VAAPI render node. Default /dev/dri/renderD128.
    public var vaapiDevice = HardwareDecoding.defaultDevice
    /// FFmpeg encoder of the redacted video. Default libx264.
    public var encoderCodec = EncoderSettings().codecName
    /// One of `EncoderSettings.presets`. Default veryfast.
    public var encoderPreset = EncoderSettings().preset
    /// Constant rate factor, 0–51. Default 23.
    public var encoderCRF = EncoderSettings().crf
    /// x264 tune, nil for none. Default none for files; cameras default to zerolatency
    /// (`RedactionSettings.cameraDefaults`).
    public var encoderTune: String? = EncoderSettings().tune

    public init() {}

    /// What a camera gets when `veil.yaml` does not say otherwise: as for files, except that the
    /// encoder holds no frames back (x264's look-ahead and B-frames alone delay video ~0.5 s)
    /// and the motion safety net is on.
    public static var cameraDefaults: RedactionSettings {
        var settings = RedactionSettings()
        settings.encoderTune = EncoderSettings.liveTune
        settings.motionNet = true
        return settings
    }

    /// The style with its parameter.
    public var redactionStyle: RedactionStyle {
        switch style {
        case .blur: .blur(strength: blurStrength)
        case .solid: .solid(luma: solidLuma)
        case .pixelate: .pixelate(block: pixelateBlock)
        }
    }
}

/// The redaction styles as they are named in YAML (`style: blur`).
public enum RedactionStyleKind: String, Sendable, Hashable, CaseIterable {
    case blur, solid, pixelate
}

/// Detector settings of one camera (thresholds and model are not part of `RedactionOptions`).
public struct DetectorSettings: Sendable, Hashable {
    public var face: FaceDetector.Options
    public var person: PersonDetector.Options

    public init(face: FaceDetector.Options, person: PersonDetector.Options) {
        self.face = face
        self.person = person
    }
}
