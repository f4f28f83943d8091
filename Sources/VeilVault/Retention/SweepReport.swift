public import Foundation

/// What one retention sweep did.
public struct SweepReport: Sendable, Hashable {
    /// One destroyed epoch key.
    public struct Shred: Sendable, Hashable {
        public let camera: String
        public let epoch: EpochID
        public let expiresAt: Date
        /// Raw segment files deleted; `nil` if deletion failed and will be retried.
        public let rawSegmentsDeleted: Int?
    }

    /// The time the sweep treated as "now" (the clock, or a later `--as-of`).
    public var asOf: Date = .distantPast
    /// Epoch keys destroyed in this sweep.
    public var shredded: [Shred] = []
    /// Earlier shreds whose raw segments were deleted now (after a failure).
    public var completedDeletions: [Shred] = []
    /// Problems that did not stop the sweep (each names the file or epoch).
    public var failures: [String] = []

    public init() {}
}
