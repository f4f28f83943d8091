/// Which recording counts for the instants a segment covers.
public enum SegmentRole: String, Sendable, Hashable, CaseIterable {
    /// Committed under the camera's valid lease: playback and export use it.
    case primary
    /// Committed by a node that no longer held the lease (partitioned, paused, late from its
    /// outbox): kept and catalogued, never preferred over a primary, normal retention.
    case overlap
}
