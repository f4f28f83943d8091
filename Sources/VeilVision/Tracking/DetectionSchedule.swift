public import VeilCore

/// Which detectors run on which frame: each kind every `cadence` frames, starting at frame 0.
///
/// A kind without a cadence is not scheduled at all. Running a detector late or skipping a
/// run under load is the pipeline's choice; the mask planner's staleness check catches it.
public struct DetectionSchedule: Hashable, Sendable {
    private let cadences: [DetectionKind: Int]

    /// `cadences[kind]` is the run interval in frames (1 = every frame); each must be ≥ 1.
    public init(cadences: [DetectionKind: Int]) {
        for (kind, cadence) in cadences {
            precondition(cadence >= 1, "cadence of the \(kind) detector must be ≥ 1 frame, got \(cadence)")
        }
        self.cadences = cadences
    }

    /// The run interval of `kind` in frames, nil if it is not scheduled.
    public func cadence(of kind: DetectionKind) -> Int? {
        cadences[kind]
    }

    /// The kinds scheduled at all.
    public var kinds: Set<DetectionKind> { Set(cadences.keys) }

    /// True if the detector for `kind` is due on `frame` (frame % cadence == 0, frame ≥ 0).
    public func shouldRun(_ kind: DetectionKind, at frame: Int) -> Bool {
        guard let cadence = cadences[kind], frame >= 0 else { return false }
        return frame % cadence == 0
    }

    /// The kinds due on `frame`, in `DetectionKind.allCases` order.
    public func kindsDue(at frame: Int) -> [DetectionKind] {
        DetectionKind.allCases.filter { shouldRun($0, at: frame) }
    }
}
