import Testing
import VeilCore
import VeilOccupancy
@testable import VeilRecorder

/// Counting sees only confident detections, one per person, whatever redaction masks.
@Suite struct PersonCountingTests {
    let frame = Size(width: 1000, height: 1000)
    let layout = CountingLayout(zones: [CountingZone(name: "all", polygon: Polygon([
        Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1),
    ]))])

    private func person(x: Double, score: Float, height: Double = 200) -> Detection {
        Detection(kind: .person, box: Rect(x: x, y: 400, width: 80, height: height), score: score)
    }

    /// The same detections on frames 0, 5 and 10 (cadence 5): three matches confirm a track.
    private func people(after detections: [Detection]) -> Int {
        var counting = PersonCounting(layout: layout)
        var count = FrameCount(people: [], entries: [], exits: [])
        for index in 0...10 {
            count = counting.count(frame: index, size: frame, detections: index % 5 == 0 ? detections : nil)
        }
        return count.people[0]
    }

    @Test func doubtfulBoxesAreMaskedButNotCounted() {
        #expect(people(after: [person(x: 100, score: 0.9), person(x: 500, score: 0.1), person(x: 800, score: 0.39)]) == 1)
    }

    @Test func twoPassesBoxesOfOnePersonAreOnePerson() {
        // YOLOv3-tiny's box and the close-range pass's slightly taller one.
        #expect(people(after: [person(x: 100, score: 0.9), person(x: 105, score: 0.5, height: 230)]) == 1)
        // Two people walking side by side overlap far less.
        #expect(people(after: [person(x: 100, score: 0.9), person(x: 160, score: 0.8)]) == 2)
    }

    @Test func aPersonTheDetectorLostIsNotCarriedOverTheLine() {
        let door = CountingLayout(lines: [CountingLine(name: "door", from: Point(x: 0.5, y: 0), to: Point(x: 0.5, y: 1), inside: .left)])
        // Walking right at 10 px a frame, seen every 5th frame from x = 200 to 400; then the
        // detector finds nobody, and the tracker's prediction (held 25 frames) passes x = 500.
        var counting = PersonCounting(layout: door)
        var entries = 0
        for index in 0...45 {
            let seen = index <= 20 && index % 5 == 0
            entries += counting.count(frame: index, size: frame, detections: index % 5 == 0 ? (seen ? [person(x: 200 + 10 * Double(index), score: 0.9)] : []) : nil).entries[0]
        }
        #expect(entries == 0)
        // Seen walking all the way: one entry.
        var walking = PersonCounting(layout: door)
        entries = 0
        for index in stride(from: 0, through: 60, by: 5) {
            entries += walking.count(frame: index, size: frame, detections: [person(x: 200 + 10 * Double(index), score: 0.9)]).entries[0]
        }
        #expect(entries == 1)
    }

    @Test func aFreshStreamStartsAFreshTracker() {
        var counting = PersonCounting(layout: layout)
        for index in [0, 5, 10] { _ = counting.count(frame: index, size: frame, detections: [person(x: 100, score: 0.9)]) }
        // The redactor started again (frame 0): the old track is gone, the new one unconfirmed.
        let count = counting.count(frame: 0, size: frame, detections: [person(x: 100, score: 0.9)])
        #expect(count.people == [0])
    }
}
