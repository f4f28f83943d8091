import Testing
import VeilCore
@testable import VeilVision

private let hd = Size(width: 1280, height: 720)

private func healthy(at frame: Int, _ kinds: [DetectionKind] = [.face, .person]) -> DetectorHealth {
    var health = DetectorHealth()
    for kind in kinds { health.recordSuccess(kind: kind, frame: frame) }
    return health
}

private func track(_ kind: DetectionKind, _ box: Rect, id: Int = 1) -> Track {
    Track(id: id, kind: kind, box: box, firstFrame: 0, lastMatchedFrame: 0, hits: 1)
}

private func rects(_ plan: MaskPlan) -> [Rect]? {
    if case .regions(let rects, _) = plan { return rects }
    return nil
}

@Suite struct MaskPlannerTests {
    @Test func faceBoxesAreDilatedByTheFaceMargin() {
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(margin: 0.15, faceMargin: 0.25))
        let plan = planner.plan(tracks: [track(.face, Rect(x: 100, y: 100, width: 40, height: 40))],
                                health: healthy(at: 0), frame: 0, frameSize: hd)
        #expect(plan == .regions([Rect(x: 90, y: 90, width: 60, height: 60)], zones: []))
    }

    @Test func defaultFaceMarginIsTheMeasuredOne() {
        let plan = MaskPlanner().plan(tracks: [track(.face, Rect(x: 100, y: 100, width: 40, height: 40))],
                                      health: healthy(at: 0), frame: 0, frameSize: hd)
        #expect(plan == .regions([Rect(x: 88, y: 88, width: 64, height: 64)], zones: []))
    }

    @Test func personsGetTheirHeadRegionAndWholeBodyByDefault() {
        let planner = MaskPlanner()
        let box = Rect(x: 200, y: 100, width: 100, height: 300)
        let planned = rects(planner.plan(tracks: [track(.person, box)], health: healthy(at: 0), frame: 0, frameSize: hd))
        let head = Rect(x: 160, y: 64, width: 180, height: 162)  // top 30 % (90 px) dilated by 0.4
        let body = Rect(x: 185, y: 55, width: 130, height: 390)  // whole box dilated by 0.15
        #expect(planned == [head, body])
    }

    @Test func withoutWholeBodyOnlyTheHeadRegionIsMasked() {
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(maskWholeBody: false))
        let box = Rect(x: 200, y: 100, width: 100, height: 300)
        let planned = rects(planner.plan(tracks: [track(.person, box)], health: healthy(at: 0), frame: 0, frameSize: hd))
        #expect(planned == [Rect(x: 160, y: 64, width: 180, height: 162)])
        let headOfBox = Rect(x: 200, y: 100, width: 100, height: 90)
        #expect(planned?.first?.contains(headOfBox) == true)
        #expect(planned?.first?.contains(Rect(x: 200, y: 300, width: 100, height: 10)) == false, "legs are not masked")
    }

    @Test func aMovingPersonsHeadIsMaskedAlongItsPath() {
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(maskWholeBody: false))
        let moving = Track(id: 1, kind: .person, predictedBox: Rect(x: 200, y: 300, width: 100, height: 300),
                           lastSeenBox: Rect(x: 200, y: 100, width: 100, height: 300), firstFrame: 0, lastMatchedFrame: 0, hits: 2)
        let planned = rects(planner.plan(tracks: [moving], health: healthy(at: 0), frame: 0, frameSize: hd))
        // Heads (160, 264, 180, 162) and (160, 64, 180, 162), and everything between them.
        #expect(planned == [Rect(x: 160, y: 64, width: 180, height: 362)])
    }

    @Test func zonesArePresentWithAndWithoutTracks() {
        let zone = Polygon([Point(x: 0, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 50)])
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(zones: [zone]))
        #expect(planner.plan(tracks: [], health: healthy(at: 0), frame: 0, frameSize: hd) == .regions([], zones: [zone]))
        let plan = planner.plan(tracks: [track(.face, Rect(x: 100, y: 100, width: 40, height: 40))],
                                health: healthy(at: 0), frame: 0, frameSize: hd)
        guard case .regions(let planned, let zones) = plan else { Issue.record("expected regions"); return }
        #expect(planned.count == 1)
        #expect(zones == [zone])
    }

    @Test func rectsAreClampedToTheFrameAndEmptyOnesDropped() {
        let planner = MaskPlanner(configuration: MaskPlannerConfiguration(faceMargin: 0.5))
        let tracks = [
            track(.face, Rect(x: -10, y: 700, width: 40, height: 40), id: 1),
            track(.face, Rect(x: 2000, y: 100, width: 40, height: 40), id: 2),
        ]
        let planned = rects(planner.plan(tracks: tracks, health: healthy(at: 0), frame: 0, frameSize: hd))
        #expect(planned == [Rect(x: 0, y: 680, width: 50, height: 40)])
    }

    @Test func rectsInsideOtherRectsAreDropped() {
        let planner = MaskPlanner()
        let tracks = [
            track(.person, Rect(x: 200, y: 100, width: 100, height: 300), id: 1),
            track(.face, Rect(x: 230, y: 300, width: 20, height: 20), id: 2),  // inside the body
            track(.face, Rect(x: 600, y: 100, width: 40, height: 40), id: 3),
            track(.face, Rect(x: 600, y: 100, width: 40, height: 40), id: 4),  // duplicate
        ]
        let planned = rects(planner.plan(tracks: tracks, health: healthy(at: 0), frame: 0, frameSize: hd))
        #expect(planned == [
            Rect(x: 160, y: 64, width: 180, height: 162), Rect(x: 185, y: 55, width: 130, height: 390),
            Rect(x: 588, y: 88, width: 64, height: 64),
        ])
    }
}
