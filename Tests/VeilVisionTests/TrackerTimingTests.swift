import Testing
import VeilCore
@testable import VeilVision

/// A person 50×100 px walking +4 px/frame right from (100, 200) until `stop`, then standing.
private func walker(at frame: Int, stop: Int = .max) -> Rect {
    Rect(x: 100 + 4 * Double(min(frame, stop)), y: 200, width: 50, height: 100)
}

private func person(_ box: Rect) -> Detection { Detection(kind: .person, box: box, score: 0.9) }

/// Late, out-of-order and stopping cases: what a live pipeline does to the tracker.
@Suite struct TrackerTimingTests {
    @Test func aWalkerWhoStopsWhileMissedStaysCovered() {
        var tracker = Tracker()
        for frame in [0, 5, 10] {
            tracker.update(with: [person(walker(at: frame, stop: 10))], of: .person, at: frame)
        }
        for frame in [15, 20, 25] {
            tracker.update(with: [], of: .person, at: frame)
        }
        for frame in 11...35 {
            #expect(tracker.tracks(at: frame).first?.box.contains(walker(at: frame, stop: 10)) == true, "frame \(frame)")
        }
    }

    @Test func framesBeforeTheLatestUpdateArePredictedBackward() {
        var tracker = Tracker()
        for frame in [0, 5, 10] {
            tracker.update(with: [person(walker(at: frame))], of: .person, at: frame)
        }
        for frame in 6...9 {
            #expect(tracker.tracks(at: frame).first?.box.contains(walker(at: frame)) == true, "frame \(frame)")
        }
    }

    @Test func aResultArrivingOutOfOrderDoesNotDisturbTheTrack() {
        var tracker = Tracker()
        for frame in [0, 5, 10] {
            tracker.update(with: [person(walker(at: frame))], of: .person, at: frame)
        }
        let before = tracker.tracks(at: 12)
        let stranger = Rect(x: 900, y: 100, width: 50, height: 100)
        let summary = tracker.update(with: [person(walker(at: 8)), person(stranger)], of: .person, at: 8)
        #expect(summary == TrackerUpdate(matched: 1, started: 1, rejected: 0))
        let after = tracker.tracks(at: 12)
        #expect(after.first == before.first)
        #expect(after.count == 2, "an unmatched late detection still starts a track: privacy first")
        #expect(after.last?.lastMatchedFrame == 8)
    }

    @Test func endedTracksAreKeptForLateQueriesThenDiscarded() {
        let configuration = TrackerConfiguration(holdFrames: 25, lateQueryFrames: 100)
        var tracker = Tracker(configuration: configuration)
        tracker.update(with: [person(walker(at: 0))], of: .person, at: 0)
        tracker.update(with: [], of: .person, at: 125)
        #expect(tracker.tracks(at: 10).count == 1)
        tracker.update(with: [], of: .person, at: 126)
        #expect(tracker.tracks(at: 10).isEmpty)
    }
}
