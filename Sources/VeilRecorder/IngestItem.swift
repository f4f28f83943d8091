import VeilMedia
import VeilPipeline

/// What the ingest thread hands the decode thread.
enum IngestItem: Sendable {
    /// A video packet (a second reference; the raw path keeps its own) and when it was read
    /// from the camera, the start of its frame's latency.
    case packet(Packet, readTime: ContinuousClock.Instant)
    /// Frames from this keyframe on belong to the next segment.
    case boundary(SegmentBoundary)
    /// Packets were dropped (overload) up to the next keyframe.
    case discontinuity
}
