public import VeilCore

/// What the pipeline knows about each detector's recent runs, for fail-closed planning.
///
/// Frames are frame indices. Results may be recorded out of order (late results in live
/// mode): the latest success and the latest failure *by frame* are kept.
public struct DetectorHealth: Hashable, Sendable {
    private var lastSuccess: [DetectionKind: Int] = [:]
    private var lastFailure: [DetectionKind: Int] = [:]

    public init() {}

    /// The detector for `kind` ran on `frame` and returned a result (possibly no detections).
    public mutating func recordSuccess(kind: DetectionKind, frame: Int) {
        lastSuccess[kind] = Swift.max(lastSuccess[kind] ?? frame, frame)
    }

    /// The detector for `kind` failed on `frame` (threw, returned garbage, timed out).
    public mutating func recordFailure(kind: DetectionKind, frame: Int) {
        lastFailure[kind] = Swift.max(lastFailure[kind] ?? frame, frame)
    }

    /// The frame of the latest successful run of `kind`, nil if it never succeeded.
    public func lastSuccessFrame(of kind: DetectionKind) -> Int? {
        lastSuccess[kind]
    }

    /// The frame of the latest failed run of `kind`, nil if it never failed.
    public func lastFailureFrame(of kind: DetectionKind) -> Int? {
        lastFailure[kind]
    }

    /// True while the latest attempt of `kind` failed: a failure not followed by a success
    /// on a later frame. A failure and a success on the same frame count as failed.
    public func isFailing(_ kind: DetectionKind) -> Bool {
        guard let failure = lastFailure[kind] else { return false }
        guard let success = lastSuccess[kind] else { return true }
        return failure >= success
    }
}
