import Foundation
import Testing
import VeilOccupancy
import VeilCore

@Suite struct IntervalAggregationTests {
    let hour = Date(timeIntervalSince1970: 1_796_000_400)  // on the hour (UTC)
    let layout = CountingLayout(zones: [SyntheticTracks.rightHalf], lines: [SyntheticTracks.door])

    private func accumulator(length: TimeInterval = 300) -> IntervalAccumulator {
        IntervalAccumulator(camera: "lobby", subjects: layout.subjects, length: length)
    }

    @Test func meanMaxEntriesAndExitsOfOneInterval() {
        var intervals = accumulator()
        let frames = [(2, 1, 0), (4, 0, 0), (3, 0, 1), (3, 2, 0)]
        for (offset, frame) in frames.enumerated() {
            let count = FrameCount(people: [frame.0], entries: [frame.1], exits: [frame.2])
            #expect(intervals.add(count.observations, at: hour.addingTimeInterval(Double(offset) * 10)).isEmpty)
        }
        let figures = intervals.add(FrameCount(people: [9], entries: [0], exits: [0]).observations, at: hour.addingTimeInterval(300))
        #expect(figures.count == 2)
        let zone = figures[0], line = figures[1]
        #expect(zone.subject == .zone("right") && zone.measures == .people)
        #expect(zone.start == hour && zone.end == hour.addingTimeInterval(300))
        #expect(zone.meanPeople == 3 && zone.maxPeople == 4)
        #expect(line.subject == .line("door") && line.entries == 3 && line.exits == 1)
        // The 9 belongs to the next interval.
        let next = intervals.finish()
        #expect(next[0].start == hour.addingTimeInterval(300) && next[0].maxPeople == 9)
        #expect(intervals.finish().isEmpty)
    }

    @Test func intervalsStartOnTheHour() {
        let intervals = accumulator(length: 900)
        #expect(intervals.intervalStart(hour.addingTimeInterval(1799)) == hour.addingTimeInterval(900))
        #expect(OccupancySettings.isValidInterval(300) && OccupancySettings.isValidInterval(1))
        #expect(!OccupancySettings.isValidInterval(7 * 60) && !OccupancySettings.isValidInterval(7200))
    }

    @Test func aGapWithoutFramesLeavesNoInterval() {
        var intervals = accumulator()
        _ = intervals.add(FrameCount(people: [3], entries: [0], exits: [0]).observations, at: hour)
        let finished = intervals.add(FrameCount(people: [5], entries: [0], exits: [0]).observations, at: hour.addingTimeInterval(3000))
        #expect(finished.map(\.start) == [hour, hour])
        #expect(intervals.finish().map(\.start) == [hour.addingTimeInterval(3000), hour.addingTimeInterval(3000)])
    }
}
