import VeilCore

/// A counted passage over a line.
public enum LineCrossing: Sendable, Hashable {
    /// Towards the line's `inside`.
    case entry
    case exit
}

/// One line, placed in frame pixels, with the geometry the crossing rule needs.
struct PlacedLine: Sendable, Hashable {
    let from: Point
    let to: Point
    let inside: LineSide
    private let length: Double

    init(_ line: CountingLine, frame: Size) {
        from = Point(x: line.from.x * frame.width, y: line.from.y * frame.height)
        to = Point(x: line.to.x * frame.width, y: line.to.y * frame.height)
        inside = line.inside
        length = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
    }

    /// Distance from the line through `from`–`to`, negative on its left as seen on the
    /// picture walking from `from` to `to` (y grows downwards).
    func signedDistance(_ point: Point) -> Double {
        length > 0 ? PolygonShape.cross(from, to, point) / length : 0
    }

    /// Whether `point` lies beside the segment rather than beyond one of its ends.
    func spans(_ point: Point) -> Bool {
        guard length > 0 else { return false }
        let t = ((point.x - from.x) * (to.x - from.x) + (point.y - from.y) * (to.y - from.y)) / (length * length)
        return t >= 0 && t <= 1
    }
}

/// Which side of one line one track is on, with hysteresis: a foot within `band` pixels of
/// the line changes nothing, so someone standing on the line (their box jittering by a few
/// pixels) is never counted; a crossing is counted when the foot is seen clearly on the
/// other side of where it was last clearly seen, beside the segment (not around its end).
struct LineCrossingState: Sendable, Hashable {
    private(set) var side: LineSide?

    mutating func observe(_ foot: Point, band: Double, on line: PlacedLine) -> LineCrossing? {
        let distance = line.signedDistance(foot)
        guard abs(distance) > band else { return nil }
        let now: LineSide = distance < 0 ? .left : .right
        defer { side = now }
        guard let before = side, before != now, line.spans(foot) else { return nil }
        return now == line.inside ? .entry : .exit
    }
}
