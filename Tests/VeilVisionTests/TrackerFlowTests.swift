import Testing
import VeilCore
@testable import VeilVision

/// ``Tracker/follow(_:at:)``: between detector runs, masks move with the picture's own motion
/// (the stream's motion vectors), beside the constant-velocity prediction, never instead of it.
@Suite struct TrackerFlowTests {
    static let size = Size(width: 640, height: 480)

    /// The motion from the frame before to this one, as an H.264 encoder reports it: blocks on the
    /// person's torso (the middle 60 % of the box: the rest of a box is background) move with
    /// them, the rest stand still, and every seventh block is intra-coded (no vector).
    static func field(person box: Rect, moved step: Point) -> MotionField {
        var field = MotionField(width: Int(size.width), height: Int(size.height))
        let torso = Rect(x: box.x + 0.2 * box.width, y: box.y, width: 0.6 * box.width, height: box.height)
        for row in 0..<field.rows {
            for column in 0..<field.columns where (row * field.columns + column) % 7 != 3 {
                let center = Point(x: Double(column * 16 + 8), y: Double(row * 16 + 8))
                let inside = center.x >= torso.minX && center.x < torso.maxX && center.y >= torso.minY && center.y < torso.maxY
                field.add(inside ? step : Point(x: 0, y: 0), at: center)
            }
        }
        return field
    }

    /// Runs the detector every `cadence` frames on a person at `position(frame)` (48 × 96 px) and
    /// returns, for every frame, the true box and every track's box; `follow` feeds the tracker
    /// the motion field of each frame first (false: today's constant-velocity tracker).
    static func run(frames: Int, cadence: Int, follow: Bool, position: (Int) -> Point,
                    field: (Rect, Point) -> MotionField? = field(person:moved:)) -> [(truth: Rect, masks: [Rect])] {
        func box(_ frame: Int) -> Rect { Rect(x: position(frame).x, y: position(frame).y, width: 48, height: 96) }
        var tracker = Tracker()
        var result: [(truth: Rect, masks: [Rect])] = []
        for frame in 0..<frames {
            if follow, frame > 0 {
                let step = Point(x: position(frame).x - position(frame - 1).x, y: position(frame).y - position(frame - 1).y)
                tracker.follow(field(box(frame), step), at: frame)
            }
            if frame % cadence == 0 {
                tracker.update(with: [Detection(kind: .person, box: box(frame), score: 0.9)], of: .person, at: frame)
            }
            result.append((box(frame), tracker.tracks(at: frame).map(\.box)))
        }
        return result
    }

    /// True when every point of `truth` (on a 2-pixel grid, edges included) lies in one of `masks`.
    static func covered(_ truth: Rect, by masks: [Rect]) -> Bool {
        stride(from: truth.minY, through: truth.maxY, by: 2).allSatisfy { y in
            stride(from: truth.minX, through: truth.maxX, by: 2).allSatisfy { x in
                masks.contains { x >= $0.minX && x <= $0.maxX && y >= $0.minY && y <= $0.maxY }
            }
        }
    }

    /// Walks right at 6 px a frame until frame 10 (a detector run), then turns and walks back.
    static func turner(_ frame: Int) -> Point {
        Point(x: frame <= 10 ? 100 + 6 * Double(frame) : 160 - 6 * Double(frame - 10), y: 200)
    }

    /// Walks right at 6 px a frame, stops dead right after the run at frame 10, stands for four
    /// frames, then walks back left.
    static func stopper(_ frame: Int) -> Point {
        let x: Double = switch frame {
        case ...10: 100 + 6 * Double(frame)
        case 11...14: 160
        default: 160 - 6 * Double(frame - 14)
        }
        return Point(x: x, y: 200)
    }

    @Test(arguments: [("turns", turner as @Sendable (Int) -> Point), ("stops and turns", stopper)])
    func aPersonWhoChangesCourseBetweenRunsStaysMasked(_ name: String, _ position: @Sendable (Int) -> Point) {
        for (frame, seen) in Self.run(frames: 30, cadence: 10, follow: true, position: position).enumerated() {
            #expect(Self.covered(seen.truth, by: seen.masks), "\(name), frame \(frame): \(seen.masks) miss \(seen.truth)")
        }
        // The constant-velocity prediction alone loses them before the next run: what this guards.
        let alone = Self.run(frames: 30, cadence: 10, follow: false, position: position)
        #expect(alone[11..<20].contains { !Self.covered($0.truth, by: $0.masks) }, "\(name)")
    }

    @Test func aPersonWhoSpeedsUpBetweenRunsStaysMasked() {
        // 2 px a frame while the velocity is measured, then 9 px a frame.
        let sprinter: (Int) -> Point = { frame in
            Point(x: frame <= 10 ? 100 + 2 * Double(frame) : 120 + 9 * Double(frame - 10), y: 200 + Double(frame))
        }
        for (frame, seen) in Self.run(frames: 30, cadence: 10, follow: true, position: sprinter).enumerated() {
            #expect(Self.covered(seen.truth, by: seen.masks), "frame \(frame): \(seen.masks) miss \(seen.truth)")
        }
    }

    @Test func withoutVectorsTheTrackerPredictsAsBefore() {
        // An intra-coded stream, or a codec that exports no vectors: nil every frame.
        let with = Self.run(frames: 30, cadence: 10, follow: true, position: Self.turner, field: { _, _ in nil })
        let without = Self.run(frames: 30, cadence: 10, follow: false, position: Self.turner)
        #expect(with.map(\.masks) == without.map(\.masks))
    }

    @Test func misleadingVectorsNeverShrinkTheMask() {
        // Vectors that point the wrong way, and an intra-coded picture in the middle of a gap.
        let wrong: (Rect, Point) -> MotionField? = { box, step in
            step.x == -6 ? nil : Self.field(person: box, moved: Point(x: -3 * step.x, y: 40))
        }
        let with = Self.run(frames: 30, cadence: 10, follow: true, position: Self.turner, field: wrong)
        let without = Self.run(frames: 30, cadence: 10, follow: false, position: Self.turner)
        for (frame, (followed, predicted)) in zip(with, without).enumerated() {
            #expect(followed.masks.count == predicted.masks.count, "frame \(frame)")
            for (a, b) in zip(followed.masks, predicted.masks) { #expect(a.contains(b), "frame \(frame)") }
        }
    }

    @Test func aFieldCountsOnlyTheBlocksWhoseCentreIsInside() {
        var field = MotionField(width: 64, height: 48)
        #expect(field.columns == 4 && field.rows == 3)
        field.add(Point(x: 2, y: 0), at: Point(x: 20, y: 4))
        field.add(Point(x: 4, y: 2), at: Point(x: 28, y: 12))
        #expect(field.displacement(column: 1, row: 0) == Point(x: 3, y: 1))
        #expect(field.displacement(column: 0, row: 0) == nil)
        // Centres at (24, 8) and (40, 8) lie in x 16...44, y 0...16; (8, 8) does not.
        let inside = field.displacements(inside: Rect(x: 16, y: 0, width: 28, height: 16))
        #expect(inside.blocks == 2 && inside.vectors == [Point(x: 3, y: 1)])
        #expect(field.displacements(inside: Rect(x: 1e300, y: -1e300, width: 1, height: 1)).blocks == 0)
    }
}
