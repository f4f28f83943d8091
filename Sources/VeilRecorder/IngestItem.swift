import VeilMedia
import VeilPipeline

/// What the ingest thread hands the decode thread.
enum IngestItem: Sendable {
    /// A video packet (a second reference; the raw path keeps its own).
    case packet(Packet)
    /// Frames from this keyframe on belong to the next segment.
    case boundary(SegmentBoundary)
    /// Packets were dropped (overload) up to the next keyframe.
    case discontinuity
}
