public import VeilCore

/// The motion safety net: a region that keeps moving for more than `frames` frames while no
/// track covers it is masked until it stops moving or a detection explains it. It catches a
/// moving person the detector misses; it over-masks doors, screens and traffic, the
/// privacy-safe error.
///
/// Fed once per frame: ``observe(motion:frame:)`` with the ``ChangeMap``'s regions, then (after
/// the detectors ran) ``settle(coveredBy:frame:)`` with the tracks' masks. Between the two,
/// ``hasUnexplainedMotion(coveredBy:)`` says whether something moves that neither a track nor
/// the net accounts for: that moves the next detector run forward (``DetectionTrigger``).
public struct MotionNet: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Frames a region must keep moving uncovered before it is masked. Default 10 (0.4 s at 25 fps).
        public var frames: Int
        /// A region that showed no change for this many frames has stopped. Default 3: a slow
        /// walker's 4×4 averages do not change on every frame.
        public var stillFrames: Int
        /// Share of a region under track masks for it to count as covered. Default 0.5.
        public var coveredFraction: Double
        /// Dilation of a masked region on every side, as a fraction of its size. Default 0.25.
        public var margin: Double

        public init(frames: Int = 10, stillFrames: Int = 3, coveredFraction: Double = 0.5, margin: Double = 0.25) {
            self.frames = frames
            self.stillFrames = stillFrames
            self.coveredFraction = coveredFraction
            self.margin = margin
        }

        /// Out-of-range values, empty when usable.
        public var problems: [String] {
            var problems: [String] = []
            if frames < 1 { problems.append("motionNetFrames must be ≥ 1, got \(frames)") }
            if stillFrames < 1 { problems.append("the motion net's still frames must be ≥ 1, got \(stillFrames)") }
            if !(coveredFraction > 0 && coveredFraction <= 1) {
                problems.append("the motion net's covered fraction must be in (0, 1], got \(coveredFraction)")
            }
            if !(margin >= 0) { problems.append("the motion net's margin must be ≥ 0, got \(margin)") }
            return problems
        }
    }

    /// One moving region followed across frames.
    struct Blob: Sendable {
        /// Where it moved on its latest moving frame.
        var box: Rect
        var lastMotionFrame: Int
        /// The first frame of its current uncovered stretch; nil while a track covers it.
        var uncoveredSince: Int?
        var isMasked = false
    }

    public let configuration: Configuration
    private(set) var blobs: [Blob] = []
    private var latestFrame: Int?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Folds in `frame`'s moving regions: each joins the blobs it touches (merging them) or
    /// starts one; blobs still for more than `stillFrames` frames are dropped.
    public mutating func observe(motion: [Rect], frame: Int) {
        latestFrame = frame
        for region in motion {
            let reach = region.padded(by: Swift.max(region.width, region.height) * 0.5)
            let touching = blobs.indices.filter { blobs[$0].box.padded(by: 8).intersection(reach).area > 0 }
            guard let first = touching.first else {
                blobs.append(Blob(box: region, lastMotionFrame: frame))
                continue
            }
            var merged = blobs[first]
            merged.box = merged.lastMotionFrame == frame ? merged.box.union(region) : region
            for other in touching.dropFirst() {
                let blob = blobs[other]
                merged.box = merged.box.union(blob.lastMotionFrame == frame ? blob.box : region)
                merged.uncoveredSince = [merged.uncoveredSince, blob.uncoveredSince].compactMap { $0 }.min()
                merged.isMasked = merged.isMasked || blob.isMasked
            }
            merged.lastMotionFrame = frame
            blobs[first] = merged
            for other in touching.dropFirst().reversed() { blobs.remove(at: other) }
        }
        blobs.removeAll { frame - $0.lastMotionFrame > configuration.stillFrames }
    }

    /// True when a region moves on the latest frame that `covers` (track masks) do not cover
    /// and that the net is not masking yet.
    public func hasUnexplainedMotion(coveredBy covers: [Rect]) -> Bool {
        guard let latestFrame else { return false }
        return blobs.contains { $0.lastMotionFrame == latestFrame && !$0.isMasked && !Self.covers(covers, $0.box, configuration) }
    }

    /// After the detectors ran on `frame`: blobs under `covers` are explained, the others count
    /// their uncovered frames. Returns the regions to mask on `frame` and how many blobs the
    /// net began masking on it.
    public mutating func settle(coveredBy covers: [Rect], frame: Int) -> (masks: [Rect], newlyMasked: Int) {
        var masks: [Rect] = [], newlyMasked = 0
        for index in blobs.indices {
            if Self.covers(covers, blobs[index].box, configuration) {
                blobs[index].uncoveredSince = nil
                blobs[index].isMasked = false
                continue
            }
            let since = blobs[index].uncoveredSince ?? frame
            blobs[index].uncoveredSince = since
            if !blobs[index].isMasked && frame - since >= configuration.frames {
                blobs[index].isMasked = true
                newlyMasked += 1
            }
            if blobs[index].isMasked { masks.append(blobs[index].box.dilated(by: configuration.margin)) }
        }
        return (masks, newlyMasked)
    }

    /// Frames were lost: forget every region.
    public mutating func reset() {
        blobs = []
        latestFrame = nil
    }

    static func covers(_ covers: [Rect], _ box: Rect, _ configuration: Configuration) -> Bool {
        guard box.area > 0 else { return true }
        let overlap = covers.reduce(0) { $0 + $1.intersection(box).area }
        return Swift.min(overlap, box.area) >= configuration.coveredFraction * box.area
    }
}
