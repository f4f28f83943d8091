import Testing
import VeilCore
@testable import VeilVision

private func person(_ x: Double, _ y: Double) -> Detection {
    Detection(kind: .person, box: Rect(x: x, y: y, width: 60, height: 150), score: 0.9)
}

@Suite struct TrackerAssociationTests {
    @Test func crossingPeopleKeepTheirIDs() {
        var tracker = Tracker()
        // A walks right, B walks left, slightly lower; they cross around frame 25.
        func a(_ f: Int) -> Detection { person(100 + 6 * Double(f), 100) }
        func b(_ f: Int) -> Detection { person(400 - 6 * Double(f), 120) }
        tracker.update(with: [a(0), b(0)], of: .person, at: 0)
        let ids = tracker.tracks(at: 0).map(\.id)
        for frame in stride(from: 3, through: 51, by: 3) {
            // Alternate the order the detector reports them in.
            let found = frame % 2 == 0 ? [a(frame), b(frame)] : [b(frame), a(frame)]
            tracker.update(with: found, of: .person, at: frame)
            let tracks = tracker.tracks(at: frame).filter { $0.lastMatchedFrame == frame }
            #expect(tracks.count == 2, "frame \(frame)")
            #expect(tracks.first { $0.box == a(frame).box }?.id == ids[0], "frame \(frame)")
            #expect(tracks.first { $0.box == b(frame).box }?.id == ids[1], "frame \(frame)")
        }
    }

    @Test func neighboursStandingSideBySideKeepTheirIDs() {
        var tracker = Tracker()
        for frame in stride(from: 0, through: 50, by: 5) {
            let jitter = Double(frame % 3) - 1
            tracker.update(with: [person(300 + jitter, 100), person(250 - jitter, 102)], of: .person, at: frame)
        }
        let tracks = tracker.tracks(at: 50)
        #expect(tracks.count == 2)
        #expect(tracks.map(\.hits) == [11, 11])
    }

    @Test func kindsNeverMix() {
        var tracker = Tracker()
        let box = Rect(x: 0, y: 0, width: 50, height: 50)
        tracker.update(with: [Detection(kind: .person, box: box, score: 1)], of: .person, at: 0)
        tracker.update(with: [Detection(kind: .face, box: box, score: 1)], of: .face, at: 0)
        tracker.update(with: [], of: .face, at: 30)
        #expect(tracker.tracks(at: 0).map(\.kind) == [.person, .face])
        #expect(tracker.tracks(at: 0).map(\.hits) == [1, 1])
        // The face detector finding nothing does not end the person track early, nor vice versa.
        #expect(tracker.tracks(at: 25).count == 2)
    }

    @Test func smallFastBoxesAreFollowedByCentreDistance() {
        func dot(_ f: Int) -> Detection {
            Detection(kind: .face, box: Rect(x: 10 + 3.5 * Double(f), y: 50, width: 16, height: 16), score: 1)
        }
        var near = Tracker()
        var strict = Tracker(configuration: TrackerConfiguration(centerDistanceFactor: 0))
        for frame in [0, 4] {
            near.update(with: [dot(frame)], of: .face, at: frame)
            strict.update(with: [dot(frame)], of: .face, at: frame)
        }
        #expect(dot(0).box.iou(dot(4).box) < 0.2, "too little overlap for IoU association")
        #expect(near.tracks(at: 4).map(\.hits) == [2])
        #expect(strict.tracks(at: 4).map(\.hits) == [1, 1])
    }

    @Test func invalidDetectionsAreRejectedAndReported() {
        var tracker = Tracker()
        let summary = tracker.update(with: [
            Detection(kind: .face, box: Rect(x: .nan, y: 0, width: 10, height: 10), score: 1),
            Detection(kind: .face, box: Rect(x: 0, y: 0, width: 0, height: 10), score: 1),
            Detection(kind: .face, box: Rect(x: 0, y: 0, width: 10, height: 10), score: 1),
            Detection(kind: .person, box: Rect(x: 0, y: 0, width: 10, height: 10), score: 1),
        ], of: .face, at: 0)
        #expect(summary == TrackerUpdate(matched: 0, started: 1, rejected: 3))
        #expect(tracker.tracks(at: 0).count == 1)
    }
}
