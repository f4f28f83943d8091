public import VeilCore

/// When each detector runs: every `cadence` frames after its previous run, or sooner, after at
/// least `minimumGapFrames`, when something moves that no track covers (event-triggered runs).
///
/// Without motion this is exactly the ``DetectionSchedule``: runs at 0, cadence, 2·cadence…
/// after a start or ``reset()``. A triggered run restarts the cadence from itself, so a person
/// walking in is detected on the frame they show up on rather than up to cadence − 1 frames
/// later, and a region that keeps moving unexplained costs a run every `minimumGapFrames`
/// frames until the motion net takes it over.
public struct DetectionTrigger: Sendable {
    public let schedule: DetectionSchedule
    /// Fewest frames between two runs of one detector, for motion; nil turns triggering off.
    public let minimumGapFrames: Int?
    private var lastRun: [DetectionKind: Int] = [:]

    public init(schedule: DetectionSchedule, minimumGapFrames: Int?) {
        precondition(minimumGapFrames.map { $0 >= 1 } ?? true, "the gap between triggered runs must be ≥ 1 frame")
        self.schedule = schedule
        self.minimumGapFrames = minimumGapFrames
    }

    /// True when `kind` should run on `frame`, given whether unexplained motion shows on it.
    public func isDue(_ kind: DetectionKind, at frame: Int, unexplainedMotion: Bool) -> Bool {
        guard let cadence = schedule.cadence(of: kind), frame >= 0 else { return false }
        guard let last = lastRun[kind] else { return frame % cadence == 0 }
        let since = frame - last
        if since >= cadence { return true }
        if unexplainedMotion, let gap = minimumGapFrames { return since >= gap }
        return false
    }

    /// True when `kind` is due on `frame` only because of motion (for the statistics).
    public func isTriggered(_ kind: DetectionKind, at frame: Int, unexplainedMotion: Bool) -> Bool {
        isDue(kind, at: frame, unexplainedMotion: unexplainedMotion) && !isDue(kind, at: frame, unexplainedMotion: false)
    }

    /// `kind`'s detector ran (or was due and reused or failed) on `frame`.
    public mutating func recordRun(of kind: DetectionKind, at frame: Int) {
        lastRun[kind] = frame
    }

    /// Frames were lost: start over at frame 0.
    public mutating func reset() {
        lastRun = [:]
    }
}
