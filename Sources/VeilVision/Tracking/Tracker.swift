public import VeilCore

/// Follows faces and people between detector runs, so masks stay on them in the frames a
/// detector skips (its cadence) or misses (a one-run miss never exposes anyone).
///
/// Each detector reports with ``update(with:of:at:)``; the redaction stage asks
/// ``tracks(at:)`` for every frame it plans. A single detection is enough to start a
/// track (no confirmation delay: privacy first). Tracks of different kinds never mix.
public struct Tracker: Sendable {
    public let configuration: TrackerConfiguration
    private var states: [TrackState] = []
    private var nextID = 1

    public init(configuration: TrackerConfiguration = TrackerConfiguration()) {
        self.configuration = configuration
    }

    /// The detector for `kind` ran on `frame` and found `detections`.
    ///
    /// Detections are associated greedily (highest IoU first, then nearest centre) with the
    /// tracks of that kind live at `frame`. A matched track moves to the detection and
    /// updates its velocity; a track whose last match is already at or after `frame` (a
    /// result that arrived out of order) just absorbs the detection unchanged. Unmatched
    /// detections start new tracks; unmatched tracks keep predicting until their hold ends.
    /// Detections with an empty or non-finite box cannot be masked, and detections of another
    /// kind do not belong here: both are rejected, and the caller should treat a non-zero
    /// `rejected` count as a failure of this run (``DetectorHealth/recordFailure(kind:frame:)``).
    @discardableResult
    public mutating func update(with detections: [Detection], of kind: DetectionKind, at frame: Int) -> TrackerUpdate {
        var summary = TrackerUpdate()
        var boxes: [Rect] = []
        for detection in detections {
            if detection.kind == kind && detection.box.isFinite && !detection.box.isEmpty {
                boxes.append(detection.box)
            } else {
                summary.rejected += 1
            }
        }
        let candidates = states.indices.filter {
            states[$0].kind == kind && states[$0].isLive(at: frame, holdFrames: configuration.holdFrames)
        }
        let pairs = Association.greedy(
            tracks: candidates.map { states[$0].predictedBox(at: frame) },
            detections: boxes,
            iouThreshold: configuration.iouThreshold,
            centerDistanceFactor: configuration.centerDistanceFactor
        )
        var matchedDetections = Set<Int>()
        for (trackSlot, detectionIndex) in pairs {
            let index = candidates[trackSlot]
            matchedDetections.insert(detectionIndex)
            summary.matched += 1
            if states[index].lastMatchedFrame < frame {
                states[index].absorb(boxes[detectionIndex], at: frame, configuration: configuration)
            }
        }
        for (detectionIndex, box) in boxes.enumerated() where !matchedDetections.contains(detectionIndex) {
            states.append(TrackState(id: nextID, kind: kind, box: box, frame: frame))
            nextID += 1
            summary.started += 1
        }
        let keepFor = configuration.holdFrames + configuration.lateQueryFrames
        states.removeAll { $0.kind == kind && frame - $0.lastMatchedFrame > keepFor }
        return summary
    }

    /// The picture moved by `field` from the frame before to `frame`: the stream's motion
    /// vectors, nil when this frame carries none (not exported, an intra-coded picture, a codec
    /// that exports none). Call it for every frame in order, before that frame's
    /// ``update(with:of:at:)``. Each live track's last detection is carried along by the median
    /// motion of the blocks inside it that move, and grown where their vectors disagree: that box
    /// is masked beside the prediction and the last detection (``Track/flowBox``), never instead.
    /// Without vectors for a track (more than a brief gap, skipped frames) it is predicted as
    /// before, at constant velocity, until its next detection.
    public mutating func follow(_ field: MotionField?, at frame: Int) {
        for index in states.indices where states[index].isLive(at: frame, holdFrames: configuration.holdFrames) {
            states[index].follow(field, at: frame, configuration: configuration, keepFrames: configuration.holdFrames + 1)
        }
    }

    /// The tracks live at `frame`, predicted to it (forward or backward), ordered by id.
    ///
    /// A track is live from `holdFrames` before its first detection to `holdFrames` after its
    /// last matched one. `frame` may precede the latest update (results that arrived late, or
    /// frames held for lookahead); backward prediction is linear, so keep such lateness short.
    /// Before its first detection a track is predicted back from its first box along its first
    /// measured velocity and carries that box as `entryBox` (``LookaheadWindow``).
    public func tracks(at frame: Int) -> [Track] {
        states
            .filter { $0.isLive(at: frame, holdFrames: configuration.holdFrames) }
            .sorted { $0.id < $1.id }
            .map { $0.track(at: frame, configuration: configuration) }
    }
}

/// What one ``Tracker/update(with:of:at:)`` did, for metrics and for failure detection.
public struct TrackerUpdate: Hashable, Sendable {
    /// Detections associated with an existing track.
    public var matched = 0
    /// Detections that started a new track.
    public var started = 0
    /// Detections dropped because their box was empty or not finite, or of the wrong kind (a fault).
    public var rejected = 0

    public init(matched: Int = 0, started: Int = 0, rejected: Int = 0) {
        self.matched = matched
        self.started = started
        self.rejected = rejected
    }
}
