public import VeilCore
public import VeilVision
public import VeilMedia
import VeilPipeline

/// The detection and redaction settings of one camera, as written under `redaction:` (the
/// defaults) and each camera's `overrides:`, and of `veil redact`. Each field's initial value
/// is its default (taken from the type it feeds where there is one); its YAML key, flag,
/// accepted values and help are declared once, in `RedactionKnob.all`.
public struct RedactionSettings: Sendable, Hashable {
    /// How hidden pixels look. Default blur; pixelate (mosaic) is opt-in because mosaic
    /// faces can be re-identified.
    public var style: RedactionStyleKind = .blur
    /// Blur kernel as a percentage of each region's smaller side.
    public var blurStrength = 50
    /// Mosaic block size in pixels, for `pixelate`.
    public var pixelateBlock = 16
    /// Fill luma for `solid`; 16 is black in video range.
    public var solidLuma: UInt8 = 16
    /// Face detector score threshold.
    public var faceThreshold: Float = FaceDetector.Options().scoreThreshold
    /// Person detector score threshold (chosen by recall, Benchmarks/eval).
    public var personThreshold: Float = PersonDetector.Options().scoreThreshold
    /// yoloV3TinyInt8 costs less CPU and finds a little less (PersonDetector.Model).
    public var personModel: PersonDetector.Model = PersonDetector.Options().model
    /// With either YOLO, also run SSDLite on the whole frame for large, close people.
    public var closeRangePass = PersonDetector.Options().closeRangeThreshold != nil
    /// Run the face detector every N frames.
    public var faceCadence = Self.pipeline.schedule.cadence(of: .face)!
    /// Run the person detector every N frames.
    public var personCadence = Self.pipeline.schedule.cadence(of: .person)!
    /// Keep a mask this many frames after its last detection.
    public var holdFrames = TrackerConfiguration().holdFrames
    /// Mask whole frames when the freshest detection is more than N frames old.
    public var stalenessFrames = MaskPlannerConfiguration().stalenessFrames
    /// Reuse a detector's last result while the picture is unchanged, for at most this many
    /// frames; 0 runs every due detector.
    public var stillSceneReuseFrames = StillSceneReuse.Configuration().maximumReuseFrames
    /// While everything that changed since the last person run lies under masks that follow
    /// the picture, run the person detector at least every this many frames (0: at every due run).
    public var deferMaskedChangeFrames = StillSceneReuse.Configuration().maximumDeferFrames
    /// Frames held back so a person detected on a frame is masked on the frames before it
    /// that they were entering; nil: the larger cadence; 0: off. Live, output is delayed by
    /// this many frames.
    public var lookaheadFrames: Int?
    /// Move masks between detector runs by the stream's own motion vectors (where the codec
    /// exports them), not only by each track's constant-velocity prediction.
    public var followMotionVectors = Self.pipeline.followsPictureMotion
    /// Run the detectors as soon as something moves that no track covers (at most every 2
    /// frames), not only at the cadence.
    public var eventTriggers = Self.pipeline.triggerGapFrames != nil
    /// Mask regions that keep moving with no detection on them (the motion safety net).
    /// Off for files, on for cameras (`cameraDefaults`).
    public var motionNet = Self.pipeline.motionNet != nil
    /// Frames a region must keep moving uncovered before the motion net masks it.
    public var motionNetFrames = MotionNet.Configuration().frames
    /// Grow every mask by this fraction of its size on each side.
    public var margin = MaskPlannerConfiguration().margin
    /// Hide only each person's head region instead of the whole body.
    public var headsOnly = !Self.pipeline.masks.maskWholeBody
    /// Keep the camera's audio in the redacted segments.
    public var keepAudio = Self.pipeline.keepAudio
    /// Decode on the CPU (none), with VAAPI (vaapi: fail without it), or VAAPI when available (auto).
    public var hardwareDecoding = HardwareDecoding.Mode.none
    /// The VAAPI render node.
    public var vaapiDevice = HardwareDecoding.defaultDevice
    /// FFmpeg encoder of the redacted video.
    public var encoderCodec = EncoderSettings().codecName
    /// One of `EncoderSettings.presets`.
    public var encoderPreset = EncoderSettings().preset
    /// Constant rate factor.
    public var encoderCRF = EncoderSettings().crf
    /// x264 tune, nil for none: none for files; cameras default to zerolatency
    /// (`RedactionSettings.cameraDefaults`).
    public var encoderTune: String? = EncoderSettings().tune

    public init() {}

    /// The pipeline's defaults, which are these settings' defaults where a setting is one of its options.
    private static let pipeline = RedactionOptions()

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
