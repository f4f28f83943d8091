public import VeilCore

/// One tracked face or person, as seen at a particular frame (see ``Tracker/tracks(at:)``).
public struct Track: Hashable, Sendable {
    /// Stable identity across frames; unique within one ``Tracker``.
    public var id: Int
    public var kind: DetectionKind
    /// Where the track is predicted to be at the queried frame, padded for uncertainty.
    public var predictedBox: Rect
    /// Where the track was last detected, padded the same way: it may have stopped moving.
    public var lastSeenBox: Rect
    /// The frame of the first detection of this track.
    public var firstFrame: Int
    /// The frame of the most recent detection matched to this track.
    public var lastMatchedFrame: Int
    /// How many detections have been matched to this track (1 for a new track).
    public var hits: Int
    /// The track's first detection, set only when the queried frame precedes it (a frame held
    /// for lookahead that the person was already entering): the planner stretches such a
    /// track's masks to the frame edges this box touches, where the person came in.
    public var entryBox: Rect?
    /// Where the picture's own motion (the stream's motion vectors) carried the track since its
    /// last detection, grown where those vectors disagree; nil when the stream gave none. Masked
    /// beside the other two boxes, never instead of them: it follows a person who turns, stops
    /// or speeds up between detector runs, where the constant-velocity prediction does not.
    public var flowBox: Rect?

    /// The area to mask: the smallest rectangle covering `predictedBox`, `lastSeenBox` and `flowBox`.
    public var box: Rect {
        let both = predictedBox.union(lastSeenBox)
        return flowBox.map { both.union($0) } ?? both
    }

    public init(
        id: Int, kind: DetectionKind, predictedBox: Rect, lastSeenBox: Rect,
        firstFrame: Int, lastMatchedFrame: Int, hits: Int, entryBox: Rect? = nil, flowBox: Rect? = nil
    ) {
        self.entryBox = entryBox
        self.flowBox = flowBox
        self.id = id
        self.kind = kind
        self.predictedBox = predictedBox
        self.lastSeenBox = lastSeenBox
        self.firstFrame = firstFrame
        self.lastMatchedFrame = lastMatchedFrame
        self.hits = hits
    }

    /// A track whose predicted and last-seen boxes are the same `box` (e.g. at a matched frame).
    public init(id: Int, kind: DetectionKind, box: Rect, firstFrame: Int, lastMatchedFrame: Int, hits: Int) {
        self.init(id: id, kind: kind, predictedBox: box, lastSeenBox: box,
                  firstFrame: firstFrame, lastMatchedFrame: lastMatchedFrame, hits: hits)
    }
}

/// The tracker's memory of one track, anchored at its last matched detection.
struct TrackState: Hashable, Sendable {
    let id: Int
    let kind: DetectionKind
    var firstFrame: Int
    var lastMatchedFrame: Int
    var hits: Int
    /// The last matched detection box, exactly as detected.
    var anchor: Rect
    /// Smoothed box size.
    var size: Size
    /// Smoothed centre velocity in pixels per frame; nil until a second detection is matched.
    var velocity: Point?
    /// The first detection box, exactly as detected, and the velocity first measured from it:
    /// frames before the first detection are predicted backwards from these.
    let origin: Rect
    var originVelocity: Point?
    /// Where the stream's motion vectors carried the last detection (``Tracker/follow(_:at:)``);
    /// nil once the path has ended, until the next detection.
    var flow: FlowPath?
    /// The box the flow path gave each of the last `holdFrames` frames, grown as masked, kept
    /// for frames planned after later frames were observed (lookahead).
    var flowBoxes: [Int: Rect] = [:]

    init(id: Int, kind: DetectionKind, box: Rect, frame: Int) {
        self.id = id
        self.kind = kind
        self.firstFrame = frame
        self.lastMatchedFrame = frame
        self.hits = 1
        self.anchor = box
        self.size = Size(width: box.width, height: box.height)
        self.velocity = nil
        self.origin = box
        self.originVelocity = nil
        self.flow = FlowPath(box: box, frame: frame)
    }

    /// Live from `holdFrames` before the first detection to `holdFrames` after the last one.
    func isLive(at frame: Int, holdFrames: Int) -> Bool {
        frame >= firstFrame - holdFrames && frame - lastMatchedFrame <= holdFrames
    }

    /// Constant-velocity position at `frame` (forward or backward), at the larger of the
    /// smoothed and the last detected size, not grown. Used for association.
    func predictedBox(at frame: Int) -> Rect {
        let dt = Double(frame - lastMatchedFrame)
        let center = anchor.center
        let v = velocity ?? Point(x: 0, y: 0)
        let width = Swift.max(size.width, anchor.width)
        let height = Swift.max(size.height, anchor.height)
        return Rect(x: center.x + v.x * dt - width / 2, y: center.y + v.y * dt - height / 2,
                    width: width, height: height)
    }

    /// The track at `frame`: the predicted box and the last detection, each padded per frame
    /// away from the last match by the growth rate × the box's larger side. Both are kept, so
    /// a person who stops while the detector misses them stays covered.
    func track(at frame: Int, configuration: TrackerConfiguration) -> Track {
        if frame < firstFrame { return reverseTrack(at: frame, configuration: configuration) }
        let rate = velocity == nil ? configuration.unknownMotionGrowthPerFrame : configuration.growthPerFrame
        let predicted = predictedBox(at: frame)
        let pad = rate * Double(abs(frame - lastMatchedFrame)) * Swift.max(predicted.width, predicted.height)
        return Track(id: id, kind: kind, predictedBox: predicted.padded(by: pad), lastSeenBox: anchor.padded(by: pad),
                     firstFrame: firstFrame, lastMatchedFrame: lastMatchedFrame, hits: hits, flowBox: flowBoxes[frame])
    }

    /// Moves the flow path on to `frame` with that frame's motion field and records the box it
    /// gives there, grown per frame like a prediction of known velocity (the vectors measured
    /// the motion; a track seen once keeps its larger growth on the prediction beside it). A
    /// path that cannot go on (vectors missing too long, frames skipped) ends until the next detection.
    mutating func follow(_ field: MotionField?, at frame: Int, configuration: TrackerConfiguration, keepFrames: Int) {
        flowBoxes = flowBoxes.filter { $0.key >= frame - keepFrames }
        guard frame > lastMatchedFrame, var path = flow else { return }
        guard path.frame == frame - 1, path.step(to: frame, field: field) else {
            flow = nil
            return
        }
        flow = path
        let growth = configuration.growthPerFrame * Double(frame - lastMatchedFrame) * Swift.max(anchor.width, anchor.height)
        flowBoxes[frame] = path.maskBox(growth: growth)
    }

    /// The track at a frame before its first detection: the first box moved back along the
    /// first measured velocity, grown per frame of distance like a forward prediction, next
    /// to the first box itself (the person is somewhere between the two).
    func reverseTrack(at frame: Int, configuration: TrackerConfiguration) -> Track {
        let frames = Double(firstFrame - frame)
        let rate = originVelocity == nil ? configuration.unknownMotionGrowthPerFrame : configuration.growthPerFrame
        let v = originVelocity ?? Point(x: 0, y: 0)
        let back = Rect(x: origin.x - v.x * frames, y: origin.y - v.y * frames, width: origin.width, height: origin.height)
        let pad = rate * frames * Swift.max(origin.width, origin.height)
        return Track(id: id, kind: kind, predictedBox: back.padded(by: pad), lastSeenBox: origin.padded(by: pad),
                     firstFrame: firstFrame, lastMatchedFrame: lastMatchedFrame, hits: hits, entryBox: origin)
    }

    /// Folds in a detection matched at `frame`, which must be later than `lastMatchedFrame`.
    mutating func absorb(_ box: Rect, at frame: Int, configuration: TrackerConfiguration) {
        precondition(frame > lastMatchedFrame, "a track only absorbs newer detections")
        let dt = Double(frame - lastMatchedFrame)
        let measured = Point(x: (box.center.x - anchor.center.x) / dt, y: (box.center.y - anchor.center.y) / dt)
        if let old = velocity {
            let a = configuration.velocitySmoothing
            velocity = Point(x: old.x + a * (measured.x - old.x), y: old.y + a * (measured.y - old.y))
        } else {
            velocity = measured
            originVelocity = measured
        }
        let s = configuration.sizeSmoothing
        size = Size(width: size.width + s * (box.width - size.width), height: size.height + s * (box.height - size.height))
        anchor = box
        lastMatchedFrame = frame
        hits += 1
        // The detection replaces the path from here on; boxes of earlier frames stay for the
        // frames still to be planned.
        flowBoxes = flowBoxes.filter { $0.key < frame }
        flow = FlowPath(box: box, frame: frame)
    }
}
