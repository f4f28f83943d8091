import Testing
import VeilCore
import VeilVision

/// Runs at the cadence, and sooner when unexplained motion shows.
@Suite struct DetectionTriggerTests {
    static let schedule = DetectionSchedule(cadences: [.face: 3, .person: 5])

    /// The frames `kind` runs on over 0..<frames, with motion on the frames in `moving`.
    func runs(_ kind: DetectionKind, frames: Int, moving: Set<Int> = [], gap: Int? = 2) -> [Int] {
        var trigger = DetectionTrigger(schedule: Self.schedule, minimumGapFrames: gap)
        return (0..<frames).filter { frame in
            guard trigger.isDue(kind, at: frame, unexplainedMotion: moving.contains(frame)) else { return false }
            trigger.recordRun(of: kind, at: frame)
            return true
        }
    }

    @Test func withoutMotionItIsTheSchedule() {
        for kind in DetectionKind.allCases {
            let scheduled = (0..<40).filter { Self.schedule.shouldRun(kind, at: $0) }
            #expect(runs(kind, frames: 40) == scheduled)
            #expect(runs(kind, frames: 40, moving: Set(0..<40), gap: nil) == scheduled, "triggering off")
        }
    }

    @Test func motionBringsTheNextRunForwardAndRestartsTheCadence() {
        #expect(runs(.person, frames: 20, moving: [6]) == [0, 5, 10, 15], "within the gap of the run at 5: waits")
        #expect(runs(.person, frames: 20, moving: [7]) == [0, 5, 7, 12, 17])
        #expect(runs(.person, frames: 20, moving: [1, 2]) == [0, 2, 7, 12, 17])
    }

    @Test func unexplainedMotionOnEveryFrameCostsARunEveryGap() {
        #expect(runs(.person, frames: 11, moving: Set(0..<11)) == [0, 2, 4, 6, 8, 10])
        #expect(runs(.person, frames: 11, moving: Set(0..<11), gap: 3) == [0, 3, 6, 9])
    }

    @Test func isTriggeredOnlyWhenMotionMadeTheDifference() {
        var trigger = DetectionTrigger(schedule: Self.schedule, minimumGapFrames: 2)
        trigger.recordRun(of: .person, at: 0)
        #expect(trigger.isTriggered(.person, at: 3, unexplainedMotion: true))
        #expect(!trigger.isTriggered(.person, at: 5, unexplainedMotion: true), "due anyway")
        #expect(!trigger.isTriggered(.person, at: 3, unexplainedMotion: false))
        trigger.reset()
        #expect(trigger.isDue(.person, at: 0, unexplainedMotion: false), "after a reset the schedule starts at 0 again")
    }
}
