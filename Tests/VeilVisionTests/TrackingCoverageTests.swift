import Testing
import VeilCore
@testable import VeilVision

/// Tracker, schedule, health and planner together, as the pipeline drives them.
@Suite struct TrackingCoverageTests {
    @Test func aWalkerIsNeverShownEvenWhenTheDetectorMissesRuns() {
        let frameSize = Size(width: 1280, height: 720)
        func truth(_ f: Int) -> Rect { Rect(x: 100 + 5 * Double(f), y: 300 - Double(f), width: 60, height: 160) }
        let schedule = DetectionSchedule(cadences: [.face: 5, .person: 5])
        var tracker = Tracker()
        var health = DetectorHealth()
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(maskWholeBody: true))
        let missed: Set<Int> = [15, 20, 45]
        for frame in 0..<80 {
            for kind in schedule.kindsDue(at: frame) {
                let found = kind == .person && !missed.contains(frame)
                    ? [Detection(kind: .person, box: truth(frame), score: 0.8)] : []
                tracker.update(with: found, of: kind, at: frame)
                health.recordSuccess(kind: kind, frame: frame)
            }
            let plan = planner.plan(tracks: tracker.tracks(at: frame), health: health, frame: frame, frameSize: frameSize)
            guard case .regions(let rects, _) = plan else { Issue.record("frame \(frame) fully masked"); continue }
            #expect(rects.contains { $0.contains(truth(frame)) }, "frame \(frame): walker exposed")
        }
    }

    @Test func headOnlyMaskingCoversTheHeadOfSomeoneWalkingTowardsTheCamera() {
        let frameSize = Size(width: 1280, height: 720)
        // Walks down the image at 6 px/frame; the head is the top 15 % of the body box.
        func truth(_ f: Int) -> Rect { Rect(x: 600, y: 50 + 6 * Double(f), width: 60, height: 160) }
        func head(_ f: Int) -> Rect { let t = truth(f); return Rect(x: t.x, y: t.y, width: t.width, height: t.height * 0.15) }
        var tracker = Tracker()
        var health = DetectorHealth()
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(maskWholeBody: false, enabledKinds: [.person]))
        for frame in 0..<60 {
            if frame % 5 == 0 {
                let found = frame <= 20 ? [Detection(kind: .person, box: truth(frame), score: 0.8)] : []
                tracker.update(with: found, of: .person, at: frame)
                health.recordSuccess(kind: .person, frame: frame)
            }
            let plan = planner.plan(tracks: tracker.tracks(at: frame), health: health, frame: frame, frameSize: frameSize)
            guard case .regions(let rects, _) = plan else { Issue.record("frame \(frame) fully masked"); continue }
            if frame <= 45 {
                #expect(rects.contains { $0.contains(head(frame)) }, "frame \(frame): head exposed")
            }
        }
    }
}
