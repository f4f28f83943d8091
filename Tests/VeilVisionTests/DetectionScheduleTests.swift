import Testing
import VeilCore
@testable import VeilVision

@Suite struct DetectionScheduleTests {
    @Test func cadenceOneRunsOnEveryFrame() {
        let schedule = DetectionSchedule(cadences: [.face: 1])
        #expect((0..<10).allSatisfy { schedule.shouldRun(.face, at: $0) })
    }

    @Test func eachKindRunsEveryNFramesFromFrameZero() {
        let schedule = DetectionSchedule(cadences: [.face: 3, .person: 5])
        let faceFrames = (0..<16).filter { schedule.shouldRun(.face, at: $0) }
        let personFrames = (0..<16).filter { schedule.shouldRun(.person, at: $0) }
        #expect(faceFrames == [0, 3, 6, 9, 12, 15])
        #expect(personFrames == [0, 5, 10, 15])
        #expect(schedule.kindsDue(at: 15) == [.face, .person])
        #expect(schedule.kindsDue(at: 9) == [.face])
        #expect(schedule.kindsDue(at: 7) == [])
    }

    @Test func unscheduledKindsAndNegativeFramesNeverRun() {
        let schedule = DetectionSchedule(cadences: [.person: 2])
        #expect(!(0..<10).contains { schedule.shouldRun(.face, at: $0) })
        #expect(!schedule.shouldRun(.person, at: -2))
        #expect(schedule.cadence(of: .face) == nil)
        #expect(schedule.kinds == [.person])
    }
}
