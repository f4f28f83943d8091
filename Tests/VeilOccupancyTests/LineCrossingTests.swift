import Testing
import VeilCore
import VeilOccupancy

/// Line crossing with hysteresis on synthetic tracks. The door line runs down the middle of
/// the frame (top to bottom); walking down it, the left hand points to +x on the picture
/// (y grows downwards), so `inside: .left` makes a walk from left to right an entry.
@Suite struct LineCrossingTests {
    let layout = CountingLayout(lines: [SyntheticTracks.door])

    @Test func walkingInCountsOneEntry() {
        let counts = SyntheticTracks.run(layout, SyntheticTracks.walk(100, 900, steps: 40).map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(counts.totalEntries == 1)
        #expect(counts.totalExits == 0)
    }

    @Test func walkingOutCountsOneExit() {
        let counts = SyntheticTracks.run(layout, SyntheticTracks.walk(900, 100, steps: 40).map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(counts.totalEntries == 0)
        #expect(counts.totalExits == 1)
    }

    @Test func loiteringOnTheLineCountsNothing() {
        // Feet jitter ±20 px around the line for 200 frames: inside the band (0.15 × 200 px = 30 px).
        let jitter = (0..<200).map { 500 + 20 * (($0 % 4 < 2) ? 1.0 : -1.0) }
        let counts = SyntheticTracks.run(layout, jitter.map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(counts.totalEntries == 0 && counts.totalExits == 0)
    }

    @Test func loiteringAfterComingInCountsOnlyTheEntry() {
        let path = SyntheticTracks.walk(100, 500, steps: 20) + (0..<100).map { 500 + 25 * (($0 % 2 == 0) ? 1.0 : -1.0) }
        let counts = SyntheticTracks.run(layout, path.map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(counts.totalEntries == 0, "still on the line: not in yet")
        let entered = SyntheticTracks.run(layout, (path + [560, 600]).map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(entered.totalEntries == 1 && entered.totalExits == 0)
    }

    @Test func crossingTwiceQuicklyCountsAnEntryAndAnExit() {
        // In and straight back out within eight frames (a third of a second at 25 fps).
        let path: [Double] = [420, 460, 540, 580, 560, 520, 460, 420]
        let counts = SyntheticTracks.run(layout, path.map { [SyntheticTracks.sample(1, footX: $0)] })
        #expect(counts.totalEntries == 1)
        #expect(counts.totalExits == 1)
    }

    @Test func passingBeyondTheEndOfTheLineCountsNothing() {
        // Below the line's bottom end (y = 800 px): walking past it, not through it.
        let counts = SyntheticTracks.run(layout, SyntheticTracks.walk(100, 900, steps: 40).map {
            [SyntheticTracks.sample(1, footX: $0, footY: 900)]
        })
        #expect(counts.totalEntries == 0 && counts.totalExits == 0)
    }

    @Test func twoPeopleCrossingTogetherCountTwice() {
        let counts = SyntheticTracks.run(layout, SyntheticTracks.walk(100, 900, steps: 40).map {
            [SyntheticTracks.sample(1, footX: $0, footY: 400), SyntheticTracks.sample(2, footX: $0, footY: 600)]
        })
        #expect(counts.totalEntries == 2)
    }

    @Test func unconfirmedTracksCountOnlyOnceConfirmed() {
        // The crossing happens while the track has one hit; it counts when the third arrives.
        let frames = [(300.0, 1), (700, 1), (720, 2), (740, 3)].map { [SyntheticTracks.sample(1, footX: $0.0, hits: $0.1)] }
        let counts = SyntheticTracks.run(layout, frames, confirmationHits: 3)
        #expect(counts.map { $0.entries[0] } == [0, 0, 0, 1])
        // A false detection that never gets confirmed counts nothing.
        let ghost = SyntheticTracks.run(layout, [[SyntheticTracks.sample(1, footX: 300, hits: 1)],
                                                 [SyntheticTracks.sample(1, footX: 700, hits: 1)], []], confirmationHits: 3)
        #expect(ghost.totalEntries == 0)
    }

    @Test func onlyWhereThePersonWasSeenCanCross() {
        // Seen at 300 px, then only predicted across the line (the detector lost them).
        var path = [SyntheticTracks.sample(1, footX: 300)]
        path += SyntheticTracks.walk(340, 700, steps: 9).map { TrackSample(id: 1, foot: Point(x: $0, y: 500), height: 200, hits: 10, isObserved: false) }
        let coasting = SyntheticTracks.run(layout, path.map { [$0] })
        #expect(coasting.totalEntries == 0)
        // Seen again on the far side: that is a crossing, counted when they are seen there.
        let seen = SyntheticTracks.run(layout, (path + [SyntheticTracks.sample(1, footX: 720)]).map { [$0] })
        #expect(seen.map { $0.entries[0] } == Array(repeating: 0, count: path.count) + [1])
    }

    @Test func aRestartedTrackerForgetsWhatItKnew() {
        var counter = OccupancyCounter(layout: layout, confirmationHits: 1)
        _ = counter.count(FrameSample(index: 10, size: SyntheticTracks.frame, tracks: [SyntheticTracks.sample(1, footX: 300)]))
        // Frame numbers restart: track 1 is someone else, first seen on the right.
        let count = counter.count(FrameSample(index: 0, size: SyntheticTracks.frame, tracks: [SyntheticTracks.sample(1, footX: 700)]))
        #expect(count.entries == [0])
    }
}
