public import VeilCore

/// Tuning of the ``MaskPlanner``. Fractions are of the box's own width/height; frames are frame indices.
public struct MaskPlannerConfiguration: Hashable, Sendable, Codable {
    /// Dilation of body boxes on every side. Default 0.15: detector boxes are tight.
    public var margin: Double
    /// Dilation of face boxes on every side. Default 0.3: YuNet's tight box leaves hair, ears
    /// and collar outside it, and a face detector still finds the head from those (measured on
    /// five test images; see `Redactor`). With 0.3 none of them yields a face again.
    public var faceMargin: Double
    /// The top part of a person box treated as the head region. Default 0.3 (head and
    /// shoulders of a standing person; a head alone is about 1/7 of body height).
    public var headFraction: Double
    /// Dilation of the head region on every side, larger than `margin` because a face too
    /// small to detect is still recognisable and body boxes often clip the top of the head.
    /// Default 0.4.
    public var headMargin: Double
    /// Mask each person's whole (dilated) body; when false only the head region is masked.
    /// The head region is always masked. Default true.
    public var maskWholeBody: Bool
    /// Static privacy zones, masked in every frame that is not fully masked anyway.
    public var zones: [Polygon]
    /// A frame is fully masked when the latest success of any enabled detector is more than
    /// this many frames away from it. Default 25 (1 s at 25 fps). Must be ≥ every enabled
    /// detector's cadence (else frames between runs are always masked) and ≤ the tracker's
    /// `holdFrames` (else a person's track can expire while the frame still counts as fresh).
    public var stalenessFrames: Int
    /// The detectors that must be healthy for a frame to be planned by regions. Default both.
    public var enabledKinds: Set<DetectionKind>
    /// A track's first detection this close to a frame edge (fraction of the frame's width or
    /// height) counts as a person who came in across that edge: on the lookahead frames before
    /// that detection, the track's masks reach to the edge. Default 0.02 (26 px at 720p).
    public var entryEdgeMargin: Double

    public init(
        margin: Double = 0.15,
        faceMargin: Double = 0.3,
        headFraction: Double = 0.3,
        headMargin: Double = 0.4,
        maskWholeBody: Bool = true,
        zones: [Polygon] = [],
        stalenessFrames: Int = 25,
        enabledKinds: Set<DetectionKind> = [.face, .person],
        entryEdgeMargin: Double = 0.02
    ) {
        self.entryEdgeMargin = entryEdgeMargin
        self.margin = margin
        self.faceMargin = faceMargin
        self.headFraction = headFraction
        self.headMargin = headMargin
        self.maskWholeBody = maskWholeBody
        self.zones = zones
        self.stalenessFrames = stalenessFrames
        self.enabledKinds = enabledKinds
    }

    /// Every out-of-range value and every inconsistency with the tracker and the schedule,
    /// described with field names; empty when the three work together safely.
    public func problems(tracker: TrackerConfiguration, schedule: DetectionSchedule) -> [String] {
        var problems = tracker.problems
        if !(margin >= 0) { problems.append("masks.margin must be ≥ 0, got \(margin)") }
        if !(faceMargin >= 0) { problems.append("masks.faceMargin must be ≥ 0, got \(faceMargin)") }
        if !(headMargin >= 0) { problems.append("masks.headMargin must be ≥ 0, got \(headMargin)") }
        if !(headFraction > 0 && headFraction <= 1) { problems.append("masks.headFraction must be in (0, 1], got \(headFraction)") }
        if stalenessFrames < 0 { problems.append("masks.stalenessFrames must be ≥ 0, got \(stalenessFrames)") }
        if !(entryEdgeMargin >= 0 && entryEdgeMargin <= 0.5) {
            problems.append("masks.entryEdgeMargin must be in [0, 0.5], got \(entryEdgeMargin)")
        }
        if enabledKinds.isEmpty { problems.append("masks.enabledKinds is empty: every frame would be fully masked") }
        if stalenessFrames > tracker.holdFrames {
            problems.append("masks.stalenessFrames (\(stalenessFrames)) must be ≤ tracker.holdFrames (\(tracker.holdFrames)), or people can be shown while detection is still considered fresh")
        }
        for kind in DetectionKind.allCases where enabledKinds.contains(kind) {
            guard let cadence = schedule.cadence(of: kind) else {
                problems.append("the \(kind) detector is enabled but not scheduled: every frame would be fully masked")
                continue
            }
            if cadence > stalenessFrames {
                problems.append("masks.stalenessFrames (\(stalenessFrames)) must be ≥ the \(kind) detector's cadence (\(cadence))")
            }
        }
        return problems
    }
}
