import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// When a due run may be deferred although the picture changed: only when every change lies
/// under the given masks, and then only the detections on unchanged pixels stand for it.
@Suite struct StillSceneDeferralTests {
    /// A person standing by the figure StillSceneReuseTests moves, and one far from it.
    static let near = Detection(kind: .person, box: Rect(x: 590, y: 380, width: 60, height: 90), score: 0.8)
    static let far = Detection(kind: .person, box: Rect(x: 100, y: 80, width: 40, height: 120), score: 0.8)

    func kept(first: [UInt8], then second: [UInt8], masks: [Rect], after frames: Int = 5) throws -> [Detection]? {
        var gate = StillSceneReuse()
        try StillSceneReuseTests.withImage(first) { try gate.observe($0, frame: 0) }
        gate.recordRun(of: .person, at: 0, detections: [Self.near, Self.far])
        try StillSceneReuseTests.withImage(second) { try gate.observe($0, frame: frames) }
        #expect(gate.reusableDetections(of: .person, at: frames) == nil || first == second)
        return gate.keptDetections(of: .person, at: frames, under: masks, cadence: 5)
    }

    @Test func aChangeUnderTheMasksKeepsOnlyTheDetectionsOnUnchangedPixels() throws {
        let frame = try StillSceneReuseTests.frame()
        let kept = try kept(first: StillSceneReuseTests.withFigure(frame, x: 600),
                            then: StillSceneReuseTests.withFigure(frame, x: 604),
                            masks: [Rect(x: 560, y: 360, width: 120, height: 120)])
        #expect(kept == [Self.far], "the person over the change is left to its track")
    }

    @Test func aChangeOutsideEveryMaskMakesTheDetectorRun() throws {
        let frame = try StillSceneReuseTests.frame()
        let kept = try kept(first: StillSceneReuseTests.withFigure(frame, x: 600),
                            then: StillSceneReuseTests.withFigure(frame, x: 604),
                            masks: [Rect(x: 80, y: 60, width: 80, height: 160)])
        #expect(kept == nil)
    }

    @Test func aChangeReachingTheMasksEdgeMakesTheDetectorRun() throws {
        // The figure spans x 600…628 over both frames; a mask ending right there leaves no halo.
        let frame = try StillSceneReuseTests.frame()
        let kept = try kept(first: StillSceneReuseTests.withFigure(frame, x: 600),
                            then: StillSceneReuseTests.withFigure(frame, x: 604),
                            masks: [Rect(x: 560, y: 360, width: 68, height: 120)])
        #expect(kept == nil)
    }

    @Test func noDeferralBeyondItsLimit() throws {
        let frame = try StillSceneReuseTests.frame()
        let kept = try kept(first: StillSceneReuseTests.withFigure(frame, x: 600),
                            then: StillSceneReuseTests.withFigure(frame, x: 604),
                            masks: [Rect(x: 560, y: 360, width: 120, height: 120)], after: 6)
        #expect(kept == nil, "6 + 5 frames since the last real run is more than 10")
    }
}
