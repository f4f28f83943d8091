public import VeilCore

/// What one redaction run did, for the summary line and for metrics.
public struct RedactionStatistics: Sendable, Equatable {
    /// Frames that went through the redactor.
    public var frames = 0
    /// Detections returned by each detector kind, over all runs.
    public var detections: [DetectionKind: Int] = [:]
    /// Detector runs, by kind (reused results not included).
    public var detectorRuns: [DetectionKind: Int] = [:]
    /// Due runs skipped because the picture had not changed since the last run (its result was reused).
    public var reusedRuns: [DetectionKind: Int] = [:]
    /// Due runs deferred because everything that changed since the last real run lay under
    /// masks that follow the picture (its unchanged detections were kept), by kind.
    public var deferredRuns: [DetectionKind: Int] = [:]
    /// Frames masked whole, by the reason the planner gave.
    public var fullyMasked: [FullMaskReason: Int] = [:]
    /// Runs brought forward because something moved that no track covered, by kind (part of `detectorRuns` or `reusedRuns`).
    public var triggeredRuns: [DetectionKind: Int] = [:]
    /// Frames on which the motion safety net masked at least one region.
    public var motionNetFrames = 0
    /// Moving regions the motion safety net began masking (each counted once).
    public var motionNetRegions = 0
    /// Detector runs that threw (each makes the following frames fully masked until a success).
    public var detectorFailures = 0

    public init() {}

    public var fullyMaskedFrames: Int { fullyMasked.values.reduce(0, +) }

    mutating func record(_ plan: MaskPlan) {
        frames += 1
        if case .fullFrame(let reason) = plan { fullyMasked[reason, default: 0] += 1 }
    }
}
