import VeilCore

/// Where the picture's own motion (the codec's motion vectors, a ``MotionField`` per frame) has
/// carried a track since its last matched detection: the detection box, moved each frame by the
/// median vector of the blocks inside it that move, and grown on each side where those vectors
/// disagree. It only ever adds a box to the track's masks (``Track/flowBox``); the constant-velocity
/// prediction and the last detection stay masked beside it.
struct FlowPath: Hashable, Sendable {
    /// The frame the path has reached.
    private(set) var frame: Int
    /// The detection box moved along the path, not grown.
    private(set) var box: Rect
    /// Growth gathered on each side so far, in pixels.
    private var grownLeft = 0.0, grownTop = 0.0, grownRight = 0.0, grownBottom = 0.0
    /// The last measured step, carried over a frame without vectors (an intra-coded picture).
    private var lastStep: Point?
    private var blindSteps = 0

    /// A block moves when its vector is at least this long, in pixels per frame: shorter ones are
    /// the encoder's noise on a still picture.
    static let movingLength = 0.75
    /// The share of a box's blocks that must carry vectors; with fewer (most of it intra-coded,
    /// a sudden change) its motion is unknown.
    static let minimumCoverage = 0.25
    /// The share of the blocks with vectors that must move for the box to move (at least one):
    /// fewer are noise, and the person is taken to stand still.
    static let minimumMovingShare = 0.1
    /// Frames in a row without usable vectors after which the path ends (the track falls back to
    /// its constant-velocity prediction until its next detection).
    static let maximumBlindSteps = 2
    /// The quantiles of the moving blocks' vectors, either side of the median, that set how far
    /// the box grows each frame: their interquartile range (the outer tenths masked 2.4 points
    /// more of the sample's picture at cadence 10, and covered no person better).
    static let spreadQuantile = 0.25

    /// A path starting at a detection.
    init(box: Rect, frame: Int) {
        self.frame = frame
        self.box = box
    }

    /// The box to mask at `frame`: the moved box grown by what was gathered and by `growth`
    /// (pixels on every side, the tracker's uncertainty growth).
    func maskBox(growth: Double) -> Rect {
        Rect(x: box.x - grownLeft - growth, y: box.y - grownTop - growth,
             width: box.width + grownLeft + grownRight + 2 * growth,
             height: box.height + grownTop + grownBottom + 2 * growth)
    }

    /// Advances the path by one frame, to `frame` (which must follow `self.frame`), with that
    /// frame's motion field. Returns false when the path must end: too many frames in a row
    /// without usable vectors, or none measured yet to carry over a gap.
    mutating func step(to frame: Int, field: MotionField?) -> Bool {
        precondition(frame == self.frame + 1, "a flow path advances one frame at a time")
        self.frame = frame
        if let field, let measured = Self.measure(box, in: field) {
            blindSteps = 0
            lastStep = measured.median
            move(by: measured.median)
            grownLeft += measured.median.x - measured.low.x
            grownRight += measured.high.x - measured.median.x
            grownTop += measured.median.y - measured.low.y
            grownBottom += measured.high.y - measured.median.y
            return true
        }
        blindSteps += 1
        guard let lastStep, blindSteps <= Self.maximumBlindSteps else { return false }
        move(by: lastStep)
        return true
    }

    private mutating func move(by step: Point) {
        box = Rect(x: box.x + step.x, y: box.y + step.y, width: box.width, height: box.height)
    }

    /// The median vector of the moving blocks inside `box` and the low and high quantiles of
    /// each component (the median itself when they agree); zero when too few blocks move; nil
    /// when too few blocks carry vectors to tell.
    static func measure(_ box: Rect, in field: MotionField) -> (median: Point, low: Point, high: Point)? {
        let (blocks, vectors) = field.displacements(inside: box)
        guard blocks > 0, Double(vectors.count) >= minimumCoverage * Double(blocks) else { return nil }
        let moving = vectors.filter { ($0.x * $0.x + $0.y * $0.y) >= movingLength * movingLength }
        guard !moving.isEmpty, Double(moving.count) >= minimumMovingShare * Double(vectors.count) else {
            let still = Point(x: 0, y: 0)
            return (still, still, still)
        }
        let xs = moving.map(\.x).sorted(), ys = moving.map(\.y).sorted()
        func quantile(_ sorted: [Double], _ q: Double) -> Double { sorted[Int(q * Double(sorted.count - 1) + 0.5)] }
        let median = Point(x: quantile(xs, 0.5), y: quantile(ys, 0.5))
        let low = Point(x: Swift.min(median.x, quantile(xs, spreadQuantile)), y: Swift.min(median.y, quantile(ys, spreadQuantile)))
        let high = Point(x: Swift.max(median.x, quantile(xs, 1 - spreadQuantile)),
                         y: Swift.max(median.y, quantile(ys, 1 - spreadQuantile)))
        return (median, low, high)
    }
}
