package import VeilCore

/// What ``FrameRedactor/observe(planes:motion:)`` did on one frame, returned as a value: the frame's
/// index (which ``FrameRedactor/plan(frame:)`` takes later) and what live metrics and anonymous
/// occupancy count of it.
package struct FrameObservation: Sendable {
    /// The frame's number since the start or the last `forgetPositions()`.
    package let index: Int
    /// How long the detectors took on this frame; nil when none ran on it.
    package var detectionDuration: Duration?
    /// What each detector found here, reused results included.
    package var detections: [DetectionKind: Int] = [:]
    /// The detectors that failed here (the frame is masked whole).
    package var failures: [DetectionKind] = []
    /// Regions the motion net began masking on this frame.
    package var newMotionNetRegions = 0
    /// The people the person detector found here (a reused result included), nil when it did not
    /// run: what anonymous occupancy counts, in memory only.
    package var people: [Detection]?

    init(index: Int) { self.index = index }
}
