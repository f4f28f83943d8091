public import VeilCore

/// One person's track in one frame, as the counter sees it: held in memory for that frame
/// only, never stored, logged or exported. The identity is the tracker's, needed to tell a
/// crossing from two people standing on either side of a line.
public struct TrackSample: Sendable, Hashable {
    /// The tracker's identity of the track (unique within one tracker, reused by none).
    public var id: Int
    /// The bottom centre of the track's box, in frame pixels: where the person stands.
    public var foot: Point
    /// The box's height in pixels: the hysteresis band scales with how big the person looks.
    public var height: Double
    /// How many detections the tracker matched to the track so far.
    public var hits: Int
    /// Whether a detection was matched to the track in this frame: the place is where the
    /// person was seen, not where the tracker expects them (which is all a crossing may rest on).
    public var isObserved: Bool

    public init(id: Int, foot: Point, height: Double, hits: Int, isObserved: Bool = true) {
        self.id = id
        self.foot = foot
        self.height = height
        self.hits = hits
        self.isObserved = isObserved
    }

    /// The sample of a person box: its bottom centre and height.
    public init(id: Int, box: Rect, hits: Int, isObserved: Bool = true) {
        self.init(id: id, foot: Point(x: box.center.x, y: box.maxY), height: box.height, hits: hits, isObserved: isObserved)
    }
}

/// The person tracks of one frame, in presentation order.
public struct FrameSample: Sendable, Hashable {
    /// The frame's number in its tracker's stream; a smaller number than the last frame's
    /// means the tracker started afresh (new connection, lost frames), so identities restart.
    public var index: Int
    public var size: Size
    public var tracks: [TrackSample]

    public init(index: Int, size: Size, tracks: [TrackSample]) {
        self.index = index
        self.size = size
        self.tracks = tracks
    }
}
