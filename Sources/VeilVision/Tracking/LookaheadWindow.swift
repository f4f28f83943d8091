/// Holds frames until no detection still to come can reach back over them.
///
/// A detector run on frame n that finds someone no track covered starts a track, and the
/// tracker predicts that track backwards over the `frames` frames before n (the person was
/// already coming into view there). So frame j may still gain masks from every run up to frame
/// j + `frames`, and it leaves the window only once frame j + `frames` has been observed.
/// With `frames` 0 every frame leaves as soon as it is observed: planning as without lookahead.
///
/// Items that are not frames (segment boundaries, passthrough packets) ride along in order:
/// each leaves right after the frame before it.
public struct LookaheadWindow<Item> {
    /// How many frames a detection can reach back: the window's depth.
    public let frames: Int
    private var held: [(frame: Int?, item: Item)] = []
    private var head = 0
    private var newestFrame: Int?

    /// `frames` must be ≥ 0.
    public init(frames: Int) {
        precondition(frames >= 0, "a lookahead window holds 0 or more frames, not \(frames)")
        self.frames = frames
    }

    /// Frames (not passengers) waiting.
    public var heldFrames: Int { held[head...].filter { $0.frame != nil }.count }

    /// Holds frame `frame`, which must follow every frame held before it.
    public mutating func hold(frame: Int, _ item: Item) {
        precondition(newestFrame.map { frame > $0 } ?? true, "frames enter the window in order")
        newestFrame = frame
        held.append((frame, item))
    }

    /// Holds an item that is not a frame; it leaves with the frame held before it.
    public mutating func hold(passenger item: Item) {
        held.append((nil, item))
    }

    /// Removes and returns, in order, every item no pending detection can reach: frames up to
    /// the newest observed frame − `frames`, and the passengers between them.
    public mutating func release() -> [(frame: Int?, item: Item)] {
        guard let newestFrame else { return releaseAll() }
        let last = newestFrame - frames
        return release { $0 <= last }
    }

    /// Removes and returns everything, in order: the stream ended or lost its continuity, so
    /// no later detection will reach back over these frames.
    public mutating func releaseAll() -> [(frame: Int?, item: Item)] {
        let released = release { _ in true }
        newestFrame = nil
        return released
    }

    private mutating func release(while leaves: (Int) -> Bool) -> [(frame: Int?, item: Item)] {
        var released: [(frame: Int?, item: Item)] = []
        while head < held.count, held[head].frame.map(leaves) ?? true {
            released.append(held[head])
            head += 1
        }
        // Compact now and then, so the buffer stays about as long as the window.
        if head > 64 && head * 2 > held.count {
            held.removeFirst(head)
            head = 0
        }
        return released
    }
}

extension LookaheadWindow: Sendable where Item: Sendable {}
