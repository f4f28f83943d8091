import VeilCore
import VeilOccupancy
import VeilVision

/// Counting's own view of the people in a camera's frames: a tracker fed only with the
/// person detections confident enough to count, then the counter.
///
/// Redaction keeps every doubtful box (score ≥ 0.05: a missed person is exposed, an extra
/// mask costs nothing), and its tracker holds them; counted, those would be people made of
/// bollards and shadows. So counting follows the same detections with a higher bar, in a
/// tracker of its own, and never changes what is masked. Where the two person passes
/// (YOLOv3-tiny and the close-range SSDLite) both found someone, their boxes overlap far more
/// than two people walking side by side do: one of them is kept.
struct PersonCounting: Sendable {
    /// A detection counts from this score up. Default 0.5.
    let minimumScore: Float
    /// Of two boxes overlapping more than this (IoU), only the better one is a person. Default 0.3
    /// (two people walking side by side overlap less).
    let duplicateOverlap: Float
    private var tracker: Tracker
    private var counter: OccupancyCounter
    private var lastIndex: Int?

    /// `tracking`: the camera's own tracker settings (its hold suits its detection cadence).
    init(layout: CountingLayout, tracking: TrackerConfiguration = TrackerConfiguration(), minimumScore: Float = 0.5,
         duplicateOverlap: Float = 0.3) {
        tracker = Tracker(configuration: tracking)
        self.minimumScore = minimumScore
        self.duplicateOverlap = duplicateOverlap
        counter = OccupancyCounter(layout: layout)
    }

    /// Counts frame `index` of the redactor's stream (a smaller index than the last one: the
    /// stream started afresh) given what the person detector found on it, if it ran.
    mutating func count(frame index: Int, size: Size, detections: [Detection]?) -> FrameCount {
        if let lastIndex, index <= lastIndex { tracker = Tracker(configuration: tracker.configuration) }
        lastIndex = index
        if let detections {
            tracker.update(with: distinct(detections), of: .person, at: index)
        }
        let tracks = tracker.tracks(at: index).map { track in
            let observed = track.lastMatchedFrame == index
            return TrackSample(id: track.id, box: observed ? track.lastSeenBox : track.predictedBox, hits: track.hits,
                               isObserved: observed)
        }
        return counter.count(FrameSample(index: index, size: size, tracks: tracks))
    }

    /// The confident detections, one per person.
    private func distinct(_ detections: [Detection]) -> [Detection] {
        let confident = detections.filter { $0.score >= minimumScore }
        return (try? NonMaximumSuppression.apply(to: confident, scoreThreshold: minimumScore, iouThreshold: duplicateOverlap))
            ?? confident
    }
}
