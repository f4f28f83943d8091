import Testing
import VeilCore
@testable import VeilVision

/// A person 50×100 px walking +4 px/frame right and +1 px/frame down from (100, 200).
private func walker(at frame: Int) -> Rect {
    Rect(x: 100 + 4 * Double(frame), y: 200 + Double(frame), width: 50, height: 100)
}

private func person(_ box: Rect) -> Detection { Detection(kind: .person, box: box, score: 0.9) }
private func face(_ box: Rect) -> Detection { Detection(kind: .face, box: box, score: 0.9) }

@Suite struct TrackerTests {
    @Test func aSingleDetectionProducesATrackImmediately() {
        var tracker = Tracker()
        let box = Rect(x: 10, y: 20, width: 30, height: 40)
        tracker.update(with: [face(box)], of: .face, at: 0)
        let tracks = tracker.tracks(at: 0)
        #expect(tracks.count == 1)
        #expect(tracks.first?.box == box)
        #expect(tracks.first?.kind == .face)
        #expect(tracks.first?.hits == 1)
    }

    @Test func aMovingBoxIsFollowedBetweenDetections() {
        var tracker = Tracker()
        for frame in stride(from: 0, through: 20, by: 5) {
            tracker.update(with: [person(walker(at: frame))], of: .person, at: frame)
        }
        for frame in 21...24 {
            let tracks = tracker.tracks(at: frame)
            #expect(tracks.count == 1)
            guard let box = tracks.first?.box else { continue }
            #expect(box.contains(walker(at: frame)), "frame \(frame): \(box) misses \(walker(at: frame))")
            #expect(box.iou(walker(at: frame)) > 0.6)
            // Without prediction the held box would not reach the walker: velocity matters.
            #expect(!walker(at: 20).padded(by: Double(frame - 20)).contains(walker(at: frame)))
        }
        #expect(tracker.tracks(at: 24).first?.hits == 5)
    }

    @Test func aWalkerMissedForSeveralRunsStaysCovered() {
        var tracker = Tracker()
        for frame in [0, 5, 10] {
            tracker.update(with: [person(walker(at: frame))], of: .person, at: frame)
        }
        for frame in [15, 20, 25, 30] {
            tracker.update(with: [], of: .person, at: frame)
        }
        for frame in 11...35 {
            let box = tracker.tracks(at: frame).first?.box
            #expect(box?.contains(walker(at: frame)) == true, "frame \(frame)")
        }
        #expect(tracker.tracks(at: 36).isEmpty)
    }

    @Test func aTrackIsHeldExactlyHoldFrames() {
        var tracker = Tracker(configuration: TrackerConfiguration(holdFrames: 25))
        tracker.update(with: [face(Rect(x: 0, y: 0, width: 20, height: 20))], of: .face, at: 10)
        for frame in stride(from: 15, through: 35, by: 5) {
            tracker.update(with: [], of: .face, at: frame)
        }
        #expect(tracker.tracks(at: 35).count == 1)
        #expect(tracker.tracks(at: 36).isEmpty)
        tracker.update(with: [], of: .face, at: 36)
        #expect(tracker.tracks(at: 36).isEmpty)
        #expect(tracker.tracks(at: 35).count == 1, "late queries still answered within lateQueryFrames")
        #expect(tracker.tracks(at: -15).count == 1, "held backwards before the first detection too")
        #expect(tracker.tracks(at: -16).isEmpty)
    }

    @Test func aMissedDetectionKeepsTheSameTrack() {
        var tracker = Tracker()
        let box = Rect(x: 300, y: 100, width: 40, height: 40)
        tracker.update(with: [face(box)], of: .face, at: 0)
        for frame in [5, 10, 15] {
            tracker.update(with: [], of: .face, at: frame)
            #expect(tracker.tracks(at: frame).first?.box.contains(box) == true)
        }
        tracker.update(with: [face(box)], of: .face, at: 20)
        let tracks = tracker.tracks(at: 20)
        #expect(tracks.map(\.id) == [1])
        #expect(tracks.first?.hits == 2)
        #expect(tracks.first?.lastMatchedFrame == 20)
    }

    @Test func heldBoxesGrowWithTimeSinceTheLastMatch() {
        let configuration = TrackerConfiguration(growthPerFrame: 0.01, unknownMotionGrowthPerFrame: 0.04)
        var tracker = Tracker(configuration: configuration)
        let box = Rect(x: 100, y: 100, width: 100, height: 50)
        tracker.update(with: [face(box)], of: .face, at: 0)
        // Seen once, motion unknown: 4 % of the larger side (4 px) per frame on every side.
        #expect(tracker.tracks(at: 10).first?.box == Rect(x: 60, y: 60, width: 180, height: 130))
        tracker.update(with: [face(box)], of: .face, at: 5)
        // Seen twice, standing still: 1 % (1 px) per frame.
        #expect(tracker.tracks(at: 15).first?.box == Rect(x: 90, y: 90, width: 120, height: 70))
        #expect(tracker.tracks(at: 5).first?.box == box)
    }
}
