import VeilCore
import VeilMedia
import VeilVision

/// Everything that decides how a stream is redacted, with defaults chosen from measurement
/// (README, "Detection cadence").
public struct RedactionOptions: Sendable, Equatable {
    /// How hidden pixels look; blur by default, mosaic only on request.
    public var style: RedactionStyle = .default
    /// How often each detector runs; the tracker covers the frames between runs.
    public var schedule = DetectionSchedule(cadences: [.face: 5, .person: 5])
    public var tracker = TrackerConfiguration()
    /// Reuse a detector's last result while the picture is unchanged; nil runs every due detector.
    public var stillScene: StillSceneReuse.Configuration? = StillSceneReuse.Configuration()
    /// Margins, head region, zones, staleness, and which detectors must be healthy.
    public var masks = MaskPlannerConfiguration()
    public var encoder = EncoderSettings()
    /// Copy the input's first audio stream into the output (dropped by default).
    public var keepAudio = false
    /// Decoder threads (0: automatic).
    public var threads = 0
    /// Decode on the CPU (default) or with VAAPI.
    public var hardwareDecoding = HardwareDecoding.none

    public init() {}

    /// Every out-of-range value or unsafe combination, empty when the options are usable.
    public var problems: [String] {
        masks.problems(tracker: tracker, schedule: schedule) + (stillScene?.problems ?? [])
    }
}
