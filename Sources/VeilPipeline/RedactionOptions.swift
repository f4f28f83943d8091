public import VeilCore
public import VeilMedia
public import VeilVision

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
    /// Frames held back so that a person first detected on frame n is also masked on the frames
    /// before n (README, "Lookahead, event-triggered runs and the motion net"); nil: the largest cadence; 0: off, every frame leaves
    /// as soon as its own detection ran.
    public var lookaheadFrames: Int?
    /// Run the detectors on a frame where something moves that no track covers, at most every
    /// this many frames, instead of waiting for the cadence; nil: only at the cadence. Default 2.
    public var triggerGapFrames: Int? = 2
    /// Move tracks between detector runs with the stream's own motion vectors (exported by the
    /// decoder; H.264 has them, HEVC in FFmpeg 5.1 does not), beside the constant-velocity
    /// prediction, which stays masked too; false: the prediction alone. Default true.
    public var followsPictureMotion = true
    /// How motion is found (event-triggered runs and the motion net).
    public var changeMap = ChangeMap.Configuration()
    /// Mask regions that keep moving with no track on them; nil (the default for files) turns it off.
    public var motionNet: MotionNet.Configuration?
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
        var problems = masks.problems(tracker: tracker, schedule: schedule) + (stillScene?.problems ?? [])
        problems += motionNet?.problems ?? []
        if let gap = triggerGapFrames, gap < 1 { problems.append("the gap between triggered runs must be ≥ 1 frame, got \(gap)") }
        let lookahead = effectiveLookaheadFrames
        if lookahead < 0 { problems.append("lookaheadFrames must be ≥ 0, got \(lookahead)") }
        if lookahead > tracker.holdFrames {
            problems.append("lookaheadFrames (\(lookahead)) must be ≤ tracker.holdFrames (\(tracker.holdFrames)): a track reaches back at most that far")
        }
        return problems
    }

    /// `lookaheadFrames`, or the largest cadence when it is nil.
    public var effectiveLookaheadFrames: Int {
        lookaheadFrames ?? schedule.kinds.compactMap { schedule.cadence(of: $0) }.max() ?? 0
    }

    /// True when a change map must be taken of every frame.
    var watchesMotion: Bool { triggerGapFrames != nil || motionNet != nil }
}
