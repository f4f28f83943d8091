package import Foundation
package import VeilMedia

/// What flows between the stages of one redaction pipeline. Each item has one owner at a
/// time: after a stage pushes it, that stage no longer touches it.
package enum StageItem: Sendable {
    /// A decoded picture, in presentation order.
    case video(Frame)
    /// A packet of a stream that is copied through unchanged (audio with `--keep-audio`).
    case passthrough(Packet)
    /// Live recording: the frames from here on belong to the next segment.
    case segmentBoundary(SegmentBoundary)
    /// Live recording: frames were dropped before this point, so what the tracker knew about
    /// positions no longer holds.
    case discontinuity
}

/// Where a live recording's next segment starts: the camera keyframe that also starts the
/// next raw segment, so that one time range maps to both.
package struct SegmentBoundary: Sendable, Equatable {
    /// Segment number, unique per camera; pairs raw and redacted segments.
    package var sequence: Int
    /// Presentation time of the keyframe, in the video stream's time base.
    package var pts: Int64
    /// The same instant on the wall clock: the segment's start in the catalog.
    package var time: Date

    package init(sequence: Int, pts: Int64, time: Date) {
        self.sequence = sequence
        self.pts = pts
        self.time = time
    }
}
