import Testing
import VeilCore
@testable import VeilVision

@Suite struct TrackingConfigurationTests {
    let schedule = DetectionSchedule(cadences: [.face: 5, .person: 5])

    @Test func theDefaultsWorkTogether() {
        #expect(MaskPlannerConfiguration().problems(tracker: TrackerConfiguration(), schedule: schedule) == [])
    }

    @Test func stalenessLongerThanTheHoldIsRejected() {
        let planner = MaskPlannerConfiguration(stalenessFrames: 30)
        let problems = planner.problems(tracker: TrackerConfiguration(holdFrames: 25), schedule: schedule)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("holdFrames") == true)
    }

    @Test func stalenessShorterThanACadenceIsRejected() {
        let slow = DetectionSchedule(cadences: [.face: 5, .person: 40])
        let problems = MaskPlannerConfiguration().problems(tracker: TrackerConfiguration(), schedule: slow)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("person") == true)
    }

    @Test func allProblemsAreReportedAtOnce() {
        let planner = MaskPlannerConfiguration(margin: -1, headFraction: 0, enabledKinds: [.face, .person])
        let tracker = TrackerConfiguration(iouThreshold: 0, holdFrames: -1)
        let problems = planner.problems(tracker: tracker, schedule: DetectionSchedule(cadences: [.face: 5]))
        // iouThreshold, holdFrames, margin, headFraction, staleness > hold, person not scheduled.
        #expect(problems.count == 6, "\(problems)")
    }
}
