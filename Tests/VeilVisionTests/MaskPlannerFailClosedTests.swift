import Testing
import VeilCore
@testable import VeilVision

private let hd = Size(width: 1280, height: 720)
private let someone = Track(id: 1, kind: .face, box: Rect(x: 10, y: 10, width: 20, height: 20),
                            firstFrame: 0, lastMatchedFrame: 0, hits: 1)

@Suite struct MaskPlannerFailClosedTests {
    let planner = MaskPlanner(configuration: MaskPlannerConfiguration(stalenessFrames: 25))

    @Test func everyFrameIsMaskedBeforeTheFirstDetection() {
        #expect(planner.plan(tracks: [], health: DetectorHealth(), frame: 0, frameSize: hd) == .fullFrame(.noDetectionYet))
    }

    @Test func oneOfTwoEnabledDetectorsNeverSucceeding() {
        var health = DetectorHealth()
        health.recordSuccess(kind: .face, frame: 0)
        #expect(planner.plan(tracks: [someone], health: health, frame: 0, frameSize: hd) == .fullFrame(.noDetectionYet))
        health.recordSuccess(kind: .person, frame: 0)
        #expect(!planner.plan(tracks: [someone], health: health, frame: 0, frameSize: hd).isFullFrame)
    }

    @Test func onlyEnabledDetectorsCount() {
        let faceOnly = MaskPlanner(configuration: MaskPlannerConfiguration(enabledKinds: [.face]))
        var health = DetectorHealth()
        health.recordSuccess(kind: .face, frame: 0)
        health.recordFailure(kind: .person, frame: 0)
        #expect(!faceOnly.plan(tracks: [someone], health: health, frame: 0, frameSize: hd).isFullFrame)
        let none = MaskPlanner(configuration: MaskPlannerConfiguration(enabledKinds: []))
        #expect(none.plan(tracks: [], health: health, frame: 0, frameSize: hd) == .fullFrame(.noDetectionYet))
    }

    @Test func aFailureMasksEverythingUntilALaterSuccess() {
        var health = DetectorHealth()
        health.recordSuccess(kind: .face, frame: 0)
        health.recordSuccess(kind: .person, frame: 0)
        health.recordFailure(kind: .person, frame: 5)
        #expect(planner.plan(tracks: [someone], health: health, frame: 6, frameSize: hd) == .fullFrame(.detectorFailed))
        health.recordSuccess(kind: .person, frame: 3)  // a late result for an earlier frame is not a recovery
        #expect(planner.plan(tracks: [someone], health: health, frame: 6, frameSize: hd) == .fullFrame(.detectorFailed))
        health.recordSuccess(kind: .person, frame: 5)  // the same frame neither
        #expect(planner.plan(tracks: [someone], health: health, frame: 6, frameSize: hd) == .fullFrame(.detectorFailed))
        health.recordSuccess(kind: .person, frame: 10)
        #expect(!planner.plan(tracks: [someone], health: health, frame: 10, frameSize: hd).isFullFrame)
    }

    @Test func aFailureBeforeAnySuccessIsReportedAsAFailure() {
        var health = DetectorHealth()
        health.recordFailure(kind: .face, frame: 0)
        #expect(planner.plan(tracks: [], health: health, frame: 0, frameSize: hd) == .fullFrame(.detectorFailed))
    }

    @Test func stalenessBoundaryIsExact() {
        var health = DetectorHealth()
        health.recordSuccess(kind: .face, frame: 100)
        health.recordSuccess(kind: .person, frame: 90)
        #expect(!planner.plan(tracks: [someone], health: health, frame: 115, frameSize: hd).isFullFrame)
        #expect(planner.plan(tracks: [someone], health: health, frame: 116, frameSize: hd) == .fullFrame(.detectionStale))
        health.recordSuccess(kind: .person, frame: 100)
        #expect(!planner.plan(tracks: [someone], health: health, frame: 125, frameSize: hd).isFullFrame)
        #expect(planner.plan(tracks: [someone], health: health, frame: 126, frameSize: hd) == .fullFrame(.detectionStale))
        // A frame far behind the latest result (a lagging redaction stage) is not trusted either.
        #expect(!planner.plan(tracks: [someone], health: health, frame: 75, frameSize: hd).isFullFrame)
        #expect(planner.plan(tracks: [someone], health: health, frame: 74, frameSize: hd) == .fullFrame(.detectionStale))
    }

    @Test func aTrackWithANonFiniteBoxMasksEverything() {
        var broken = someone
        broken.predictedBox.x = .infinity
        let plan = planner.plan(tracks: [broken], health: healthyAtZero(), frame: 0, frameSize: hd)
        #expect(plan == .fullFrame(.detectorFailed))
    }

    private func healthyAtZero() -> DetectorHealth {
        var health = DetectorHealth()
        health.recordSuccess(kind: .face, frame: 0)
        health.recordSuccess(kind: .person, frame: 0)
        return health
    }
}
