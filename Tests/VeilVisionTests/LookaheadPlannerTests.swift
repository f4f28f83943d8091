import Testing
import VeilCore
@testable import VeilVision

private let hd = Size(width: 1280, height: 720)

private func person(_ box: Rect) -> Detection { Detection(kind: .person, box: box, score: 0.9) }

private func healthy(at frame: Int) -> DetectorHealth {
    var health = DetectorHealth()
    health.recordSuccess(kind: .person, frame: frame)
    return health
}

/// Only the person detector is scheduled in these tests.
private let planner = MaskPlanner(configuration: MaskPlannerConfiguration(enabledKinds: [.person]))

private func nearlyEqual(_ a: Rect?, _ b: Rect) -> Bool {
    guard let a else { return false }
    return [a.x - b.x, a.y - b.y, a.width - b.width, a.height - b.height].allSatisfy { abs($0) < 1e-9 }
}

private func rects(_ plan: MaskPlan) -> [Rect] {
    if case .regions(let rects, _) = plan { return rects }
    return []
}

/// A person 80×240 px walking right at 20 px a frame, in from the left edge: at frame f their
/// box starts at x = 20·f − 80 (partly outside the frame until frame 4).
private func entering(at frame: Int) -> Rect {
    Rect(x: 20 * Double(frame) - 80, y: 200, width: 80, height: 240)
}

/// The part of `box` inside the frame.
private func visible(_ box: Rect) -> Rect { box.clamped(to: hd) }

/// Masks of frames held for lookahead, planned after later detections (``LookaheadWindow``,
/// the tracker's reverse prediction, the planner's entry edges).
@Suite struct LookaheadPlannerTests {
    @Test func aTrackBornAtFrameNCoversTheHeldFramesBeforeWithTheGrownBox() {
        let configuration = TrackerConfiguration()
        var tracker = Tracker(configuration: configuration)
        let first = Rect(x: 600, y: 200, width: 80, height: 240)
        tracker.update(with: [person(first)], of: .person, at: 10)
        for k in 1...5 {
            let track = tracker.tracks(at: 10 - k).first
            let pad = configuration.unknownMotionGrowthPerFrame * Double(k) * 240
            #expect(nearlyEqual(track?.box, first.padded(by: pad)), "frame \(10 - k)")
            #expect(track?.entryBox == first)
        }
        #expect(tracker.tracks(at: 10).first?.entryBox == nil, "from its first detection on, a track is not reversed")
    }

    @Test func aTrackWithAKnownVelocityIsPredictedBackAlongItsFirstMotion() {
        var tracker = Tracker()
        let walker = { (frame: Int) in Rect(x: 400 + 12 * Double(frame), y: 200, width: 80, height: 240) }
        for frame in [10, 12, 17] { tracker.update(with: [person(walker(frame))], of: .person, at: frame) }
        for frame in 5..<10 {
            #expect(tracker.tracks(at: frame).first?.box.contains(walker(frame)) == true, "frame \(frame)")
        }
    }

    @Test func aPersonEnteringAtTheEdgeIsMaskedOnEveryHeldFrameAndClampedToTheFrame() {
        var tracker = Tracker()
        // Detected only once the whole body is in (frame 5, 20 px from the edge); frames 1…4 show them entering.
        tracker.update(with: [person(visible(entering(at: 5)))], of: .person, at: 5)
        for frame in 1...4 {
            let masks = rects(planner.plan(tracks: tracker.tracks(at: frame), health: healthy(at: 5), frame: frame, frameSize: hd))
            let shown = visible(entering(at: frame))
            #expect(masks.contains { $0.contains(shown) }, "frame \(frame): \(masks) must cover \(shown)")
            #expect(masks.allSatisfy { $0.minX >= 0 && $0.minY >= 0 && $0.maxX <= hd.width && $0.maxY <= hd.height })
            #expect(masks.contains { $0.minX == 0 }, "reaches the edge the person came in across")
        }
    }

    @Test func aTrackBornInsideTheFrameDoesNotReachToAnEdge() {
        var tracker = Tracker()
        tracker.update(with: [person(Rect(x: 600, y: 200, width: 80, height: 240))], of: .person, at: 5)
        let masks = rects(planner.plan(tracks: tracker.tracks(at: 3), health: healthy(at: 5), frame: 3, frameSize: hd))
        #expect(!masks.isEmpty)
        #expect(masks.allSatisfy { $0.minX > 0 && $0.maxX < hd.width })
    }

    @Test func lookaheadZeroPlansEveryFrameExactlyAsWithoutAWindow() {
        var immediate = Tracker(), windowed = Tracker()
        var window = LookaheadWindow<Int>(frames: 0)
        var health = DetectorHealth()
        for frame in 0..<30 {
            if frame % 5 == 0 {
                let found = frame >= 5 ? [person(visible(entering(at: frame)))] : []
                immediate.update(with: found, of: .person, at: frame)
                windowed.update(with: found, of: .person, at: frame)
                health.recordSuccess(kind: .person, frame: frame)
            }
            let today = planner.plan(tracks: immediate.tracks(at: frame), health: health, frame: frame, frameSize: hd)
            window.hold(frame: frame, frame)
            let released = window.release()
            #expect(released.map(\.frame) == [frame])
            let fullMask = planner.fullMaskReason(health: health, frame: frame)
            let planned = planner.plan(tracks: windowed.tracks(at: frame), fullMask: fullMask, frameSize: hd)
            #expect(planned == today, "frame \(frame)")
        }
    }

    @Test func theWindowNeverReleasesAFrameAPendingRunCouldStillReach() {
        for depth in 0...7 {
            var window = LookaheadWindow<String>(frames: depth)
            var released: [Int] = []
            for frame in 0..<40 {
                window.hold(frame: frame, "frame \(frame)")
                if frame % 7 == 3 { window.hold(passenger: "after \(frame)") }
                for (held, item) in window.release() {
                    guard let held else {
                        #expect(item.hasPrefix("after "), "a passenger leaves only behind its frame")
                        continue
                    }
                    // The next run is at frame + 1 at the earliest and reaches back `depth` frames.
                    #expect(held < frame + 1 - depth, "depth \(depth): frame \(held) left while frame \(frame + 1)'s run could reach it")
                    released.append(held)
                }
                #expect(window.heldFrames == min(depth, frame + 1))
            }
            released += window.releaseAll().compactMap(\.frame)
            #expect(released == Array(0..<40), "every frame leaves once, in order (depth \(depth))")
        }
    }
}
