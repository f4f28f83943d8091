import Foundation
import Testing
import VeilCore
import VeilVault

/// Wall time that follows the wall clock forward, never back, and names every step.
@Suite struct SteadyWallTimeTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func followsAWallClockThatRunsWithTheMonotonicClock() {
        var time = SteadyWallTime(wall: Self.start, monotonic: 100)
        for second in 1...5 {
            let reading = time.read(wall: Self.start + Double(second), monotonic: 100 + Double(second))
            #expect(reading == (Self.start + Double(second), nil))
        }
    }

    @Test func aStepForwardIsReportedAndFollowed() {
        var time = SteadyWallTime(wall: Self.start, monotonic: 0)
        let reading = time.read(wall: Self.start + 3601, monotonic: 1)
        #expect(reading.time == Self.start + 3601)
        #expect(reading.step == SteadyWallTime.Step(expected: Self.start + 1, observed: Self.start + 3601))
        #expect(reading.step?.seconds == 3600)
        #expect(time.read(wall: Self.start + 3602, monotonic: 2) == (Self.start + 3602, nil), "reported once")
    }

    @Test func aStepBackIsReportedAndNotFollowedTimeRunsOnFromTheHighestReading() {
        var time = SteadyWallTime(wall: Self.start, monotonic: 0)
        let back = time.read(wall: Self.start + 10 - 3600, monotonic: 10)
        #expect(back.time == Self.start + 10, "time keeps running on the monotonic clock")
        #expect(back.step?.seconds == -3600)
        var previous = back.time
        for second in stride(from: 20.0, through: 100, by: 10) {
            let reading = time.read(wall: Self.start + second - 3600, monotonic: second)
            #expect(reading.step == nil)
            #expect(reading.time == Self.start + second, "never back, never standing still")
            #expect(reading.time > previous)
            previous = reading.time
        }
        #expect(time.highestWall == Self.start, "the highest reading came before the step")
        // The wrong step is undone: the wall clock meets the recorder's time and is followed again.
        let undone = time.read(wall: Self.start + 110, monotonic: 110)
        #expect(undone.time == Self.start + 110 && undone.step?.seconds == 3600)
        #expect(time.read(wall: Self.start + 111, monotonic: 111) == (Self.start + 111, nil))
    }

    @Test func movesUpToTheThresholdAreNotSteps() {
        var time = SteadyWallTime(wall: Self.start, monotonic: 0, stepThreshold: 2)
        #expect(time.read(wall: Self.start + 2.5, monotonic: 1).step == nil)
        #expect(time.read(wall: Self.start + 2.0, monotonic: 2).step == nil)
        #expect(time.read(wall: Self.start + 5.5, monotonic: 3).step != nil)
    }

    @Test func theFloorHoldsTimesBackAtTheStart() {
        var time = SteadyWallTime(wall: Self.start, monotonic: 0, notBefore: Self.start + 60)
        #expect(time.read(wall: Self.start + 1, monotonic: 1).time == Self.start + 61)
    }
}
