/// Tuning of the ``Tracker``. All durations are in frames (frame indices of the decoded stream).
public struct TrackerConfiguration: Hashable, Sendable, Codable {
    /// Minimum IoU between a track's predicted box and a detection for them to be associated.
    /// Default 0.2: low, because detections are sparse (cadence) and people move between runs.
    public var iouThreshold: Double
    /// Fallback for small, fast boxes whose IoU is zero: a leftover track and detection are
    /// associated if their centres are at most this many box sizes apart (the larger side of
    /// the larger box) and their areas differ by at most 4×. 0 disables the fallback. Default 1.
    public var centerDistanceFactor: Double
    /// Frames a track stays alive after its last matched detection. Default 25 (≈ 1 s at 25 fps).
    /// Must be at least the planner's `stalenessFrames`, or a person could expire while the
    /// frame still counts as fresh.
    public var holdFrames: Int
    /// Padding added on every side of a predicted box per frame away from the last match, as
    /// a fraction of the box's larger side, so a held mask keeps covering someone whose motion
    /// deviates from the estimate. Default 0.01 (a 160 px tall person: 1.6 px per frame).
    public var growthPerFrame: Double
    /// The same for a track seen only once, whose velocity is unknown: enough to cover a
    /// walker (≈ 0.03 body heights per frame at 25 fps) until the next detector run.
    /// Default 0.04 (a 160 px tall person: 6.4 px per frame).
    public var unknownMotionGrowthPerFrame: Double
    /// Weight of a new measurement in the smoothed velocity, in (0, 1]. Default 0.5.
    public var velocitySmoothing: Double
    /// Weight of a new measurement in the smoothed box size, in (0, 1]. Default 0.5.
    public var sizeSmoothing: Double
    /// Frames after a track's hold has ended during which it is still kept, so that
    /// `tracks(at:)` can answer for frames planned later than newer detections were made
    /// (a redaction stage lagging the detector). Default 250 (≈ 10 s at 25 fps).
    public var lateQueryFrames: Int

    public init(
        iouThreshold: Double = 0.2,
        centerDistanceFactor: Double = 1.0,
        holdFrames: Int = 25,
        growthPerFrame: Double = 0.01,
        unknownMotionGrowthPerFrame: Double = 0.04,
        velocitySmoothing: Double = 0.5,
        sizeSmoothing: Double = 0.5,
        lateQueryFrames: Int = 250
    ) {
        self.iouThreshold = iouThreshold
        self.centerDistanceFactor = centerDistanceFactor
        self.holdFrames = holdFrames
        self.growthPerFrame = growthPerFrame
        self.unknownMotionGrowthPerFrame = unknownMotionGrowthPerFrame
        self.velocitySmoothing = velocitySmoothing
        self.sizeSmoothing = sizeSmoothing
        self.lateQueryFrames = lateQueryFrames
    }

    /// Every out-of-range value, described with its field name; empty when the configuration is usable.
    public var problems: [String] {
        var problems: [String] = []
        if !(iouThreshold > 0 && iouThreshold <= 1) { problems.append("tracker.iouThreshold must be in (0, 1], got \(iouThreshold)") }
        if !(centerDistanceFactor >= 0) { problems.append("tracker.centerDistanceFactor must be ≥ 0, got \(centerDistanceFactor)") }
        if holdFrames < 0 { problems.append("tracker.holdFrames must be ≥ 0, got \(holdFrames)") }
        if !(growthPerFrame >= 0) { problems.append("tracker.growthPerFrame must be ≥ 0, got \(growthPerFrame)") }
        if !(unknownMotionGrowthPerFrame >= 0) { problems.append("tracker.unknownMotionGrowthPerFrame must be ≥ 0, got \(unknownMotionGrowthPerFrame)") }
        if !(velocitySmoothing > 0 && velocitySmoothing <= 1) { problems.append("tracker.velocitySmoothing must be in (0, 1], got \(velocitySmoothing)") }
        if !(sizeSmoothing > 0 && sizeSmoothing <= 1) { problems.append("tracker.sizeSmoothing must be in (0, 1], got \(sizeSmoothing)") }
        if lateQueryFrames < 0 { problems.append("tracker.lateQueryFrames must be ≥ 0, got \(lateQueryFrames)") }
        return problems
    }
}
