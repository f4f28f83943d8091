import Testing
import VeilCore
import VeilPipeline
import VeilTestSupport
import VeilVision

/// A person detector that finds exactly the figures the scene drew (set before each frame),
/// and counts its runs: these tests are about when it runs, not what a network sees.
private final class SceneDetector: ObjectDetector {
    let kind = DetectionKind.person
    var boxes: [Rect] = []
    private(set) var runs = 0
    func detect(in image: YUV420Image) throws -> [Detection] {
        runs += 1
        return boxes.map { Detection(kind: .person, box: $0, score: 0.9) }
    }
}

/// A still room (a fixed texture) with figures: bright, textured 40×100 boxes, each at its own
/// position on each frame.
private struct QuietRoom {
    static let width = 640, height = 480
    /// Each figure's box on a frame; nil while it is not in the picture.
    var figures: [(Int) -> Rect?]

    func boxes(at frame: Int) -> [Rect] { figures.compactMap { $0(frame) } }

    func image(at frame: Int) -> YUV420Buffer {
        let width = Self.width, height = Self.height
        var luma = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { luma[y * width + x] = UInt8(60 + ((x / 24 + y / 24) % 2) * 30) }
        }
        for box in boxes(at: frame) {
            for y in max(0, Int(box.minY))..<min(height, Int(box.maxY)) {
                for x in max(0, Int(box.minX))..<min(width, Int(box.maxX)) {
                    luma[y * width + x] = UInt8(170 + ((x - Int(box.minX)) / 5 + (y - Int(box.minY)) / 7) % 3 * 30)
                }
            }
        }
        return YUV420Buffer(width: width, height: height,
                            bytes: luma + [UInt8](repeating: 128, count: 2 * (width / 2) * (height / 2)))
    }

    /// The motion vectors a codec would send from `frame - 1` to `frame`: each figure's step,
    /// on the blocks its box covers; still background blocks carry a zero vector.
    func field(at frame: Int) -> MotionField {
        var field = MotionField(width: Self.width, height: Self.height)
        let now = boxes(at: frame), before = frame > 0 ? boxes(at: frame - 1) : now
        for y in stride(from: 8, to: Self.height, by: 16) {
            for x in stride(from: 8, to: Self.width, by: 16) {
                let point = Point(x: Double(x), y: Double(y))
                var step = Point(x: 0, y: 0)
                for (box, old) in zip(now, before) where Self.holds(box, point) {
                    step = Point(x: box.minX - old.minX, y: box.minY - old.minY)
                }
                field.add(step, at: point)
            }
        }
        return field
    }

    static func holds(_ box: Rect, _ point: Point) -> Bool {
        point.x >= box.minX && point.x < box.maxX && point.y >= box.minY && point.y < box.maxY
    }

    /// A figure standing at `x`, `y` on every frame.
    static func standing(_ x: Double, _ y: Double) -> (Int) -> Rect? {
        { _ in Rect(x: x, y: y, width: 40, height: 100) }
    }
}

/// Deferring a due person run while everything that changed lies under masks that follow the
/// picture (README, "Detection cadence"): the run is deferred only there, and nobody shows.
@Suite struct MaskedChangeRedactionTests {
    struct Outcome {
        /// Frames on which some figure was not wholly under the masks.
        var leaked: [Int] = []
        var statistics = RedactionStatistics()
        var runs = 0
        /// The mean share of the picture masked.
        var maskedShare = 0.0
    }

    static func options(triggers: Bool = true, deferFrames: Int = 10) -> RedactionOptions {
        var options = RedactionOptions()
        options.schedule = DetectionSchedule(cadences: [.person: 5])
        options.masks.enabledKinds = [.person]
        options.lookaheadFrames = 0
        options.stillScene?.maximumDeferFrames = deferFrames
        if !triggers { options.triggerGapFrames = nil }
        return options
    }

    private static func run(_ room: QuietRoom, frames: Int, options: RedactionOptions, vectors: Bool = true) throws -> Outcome {
        let detector = SceneDetector()
        let redactor = FrameRedactor(detectors: [detector], options: options)
        var outcome = Outcome()
        for frame in 0..<frames {
            detector.boxes = room.boxes(at: frame)
            let plan = try room.image(at: frame).withPlanes {
                try redactor.redact(planes: $0, motion: vectors && frame > 0 ? room.field(at: frame) : nil)
            }
            if room.boxes(at: frame).contains(where: { !EnteringPersonRun.covers(plan, $0) }) { outcome.leaked.append(frame) }
            outcome.maskedShare += Self.maskedShare(plan) / Double(frames)
        }
        outcome.statistics = redactor.statistics
        outcome.runs = detector.runs
        return outcome
    }

    /// The share of the picture under the plan's masks, on an 8-pixel grid.
    static func maskedShare(_ plan: MaskPlan) -> Double {
        guard case .regions(let rects, _) = plan else { return 1 }
        var inside = 0, all = 0
        for y in stride(from: 4, to: QuietRoom.height, by: 8) {
            for x in stride(from: 4, to: QuietRoom.width, by: 8) {
                all += 1
                if rects.contains(where: { QuietRoom.holds($0, Point(x: Double(x), y: Double(y))) }) { inside += 1 }
            }
        }
        return Double(inside) / Double(all)
    }

    @Test func aStillRoomWithOneWalkerCostsFewerRunsAndTheWalkerStaysMasked() throws {
        let walker: (Int) -> Rect? = { Rect(x: 60 + 2 * Double($0), y: 300, width: 40, height: 100) }
        let room = QuietRoom(figures: [QuietRoom.standing(120, 60), QuietRoom.standing(420, 80), walker])
        let before = try Self.run(room, frames: 100, options: Self.options(deferFrames: 0))
        let after = try Self.run(room, frames: 100, options: Self.options())

        #expect(before.leaked.isEmpty && after.leaked.isEmpty, "before \(before.leaked), after \(after.leaked)")
        #expect(after.statistics.deferredRuns[.person, default: 0] >= 8, "\(after.statistics)")
        #expect(after.runs * 3 <= before.runs * 2, "runs: \(after.runs) against \(before.runs)")
        #expect(after.statistics.fullyMaskedFrames == 0)
        print("masked share: \(before.maskedShare) → \(after.maskedShare); runs \(before.runs) → \(after.runs)")
    }

    @Test func changeOutsideEveryMaskIsDetectedAtTheNextDueRun() throws {
        // Triggers off: only the deferral's own check stands between the newcomer and the picture.
        let newcomer: (Int) -> Rect? = { $0 >= 12 ? Rect(x: 500, y: 300, width: 40, height: 100) : nil }
        let walker: (Int) -> Rect? = { Rect(x: 60 + Double($0), y: 300, width: 40, height: 100) }
        let room = QuietRoom(figures: [QuietRoom.standing(120, 60), walker, newcomer])
        let outcome = try Self.run(room, frames: 30, options: Self.options(triggers: false))

        // A real run at 0, deferred at 5 (the walker alone changed, under his mask), real at 10;
        // the newcomer comes at 12, and at 15 the walker alone would have allowed a deferral.
        #expect(outcome.statistics.deferredRuns[.person, default: 0] >= 1, "\(outcome.statistics)")
        #expect(outcome.leaked.allSatisfy { (12..<15).contains($0) }, "\(outcome.leaked)")
    }

    @Test(arguments: [true, false])
    func aPersonWhoStopsDeadAndTurnsBetweenRunsStaysMasked(vectors: Bool) throws {
        // Walks right at 4 px a frame, stops dead on frame 13, turns and walks down from frame 16.
        let walker: (Int) -> Rect? = { frame in
            let x = 100 + 4 * Double(min(frame, 13))
            let y = 150 + 5 * Double(max(0, frame - 16))
            return Rect(x: x, y: y, width: 40, height: 100)
        }
        let room = QuietRoom(figures: [QuietRoom.standing(400, 60), walker])
        let outcome = try Self.run(room, frames: 40, options: Self.options(triggers: false), vectors: vectors)

        #expect(outcome.leaked.isEmpty, "\(outcome.leaked): \(outcome.statistics)")
        if vectors {
            #expect(outcome.statistics.deferredRuns[.person, default: 0] >= 1, "the runs were deferred: \(outcome.statistics)")
        } else {
            #expect(outcome.statistics.deferredRuns.isEmpty, "no vectors, no mask that follows: \(outcome.statistics)")
        }
    }
}
