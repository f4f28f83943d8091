import VeilCore
import VeilOccupancy

/// Synthetic person tracks on a 1000×1000 frame: a person 200 px tall whose feet follow a path.
enum SyntheticTracks {
    static let frame = Size(width: 1000, height: 1000)

    /// A vertical counting line at x = 500 px from y = 200 to 800 px. Walking down it, the
    /// left hand points to +x on the picture, so `.left` makes the right half "inside".
    static let door = CountingLine(name: "door", from: Point(x: 0.5, y: 0.2), to: Point(x: 0.5, y: 0.8), inside: .left)
    /// The right half of the frame.
    static let rightHalf = CountingZone(name: "right", polygon: Polygon([
        Point(x: 0.5, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0.5, y: 1),
    ]), capacity: 1)

    static func sample(_ id: Int, footX x: Double, footY y: Double = 500, hits: Int = 10) -> TrackSample {
        TrackSample(id: id, foot: Point(x: x, y: y), height: 200, hits: hits)
    }

    /// Runs `frames` (each a list of tracks) through a counter, returning each frame's count.
    static func run(_ layout: CountingLayout, _ frames: [[TrackSample]], confirmationHits: Int = 1) -> [FrameCount] {
        var counter = OccupancyCounter(layout: layout, confirmationHits: confirmationHits)
        return frames.enumerated().map { index, tracks in counter.count(FrameSample(index: index, size: frame, tracks: tracks)) }
    }

    /// Feet x positions from `start` to `end` in `steps` equal steps (inclusive).
    static func walk(_ start: Double, _ end: Double, steps: Int) -> [Double] {
        (0...steps).map { start + (end - start) * Double($0) / Double(steps) }
    }
}

extension [FrameCount] {
    var totalEntries: Int { reduce(0) { $0 + $1.entries.reduce(0, +) } }
    var totalExits: Int { reduce(0) { $0 + $1.exits.reduce(0, +) } }
}
