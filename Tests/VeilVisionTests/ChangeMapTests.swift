import Testing
import VeilCore
import VeilVision

/// The change map on a real frame: noise stays still, a moving figure shows where it moved.
@Suite struct ChangeMapTests {
    typealias Scene = StillSceneReuseTests

    func changes(from first: [UInt8], to second: [UInt8]) throws -> [Rect] {
        var map = ChangeMap()
        let none = try Scene.withImage(first) { try map.observe($0) }
        #expect(none.isEmpty, "nothing to compare the first frame with")
        return try Scene.withImage(second) { try map.observe($0) }
    }

    @Test func cameraNoiseOfSixLevelsChangesNothing() throws {
        let frame = try Scene.frame()
        for seed in 1...4 as ClosedRange<UInt64> {
            let regions = try changes(from: Scene.withNoise(frame, amplitude: 6, seed: seed),
                                      to: Scene.withNoise(frame, amplitude: 6, seed: seed + 10))
            #expect(regions.isEmpty, "seed \(seed): \(regions)")
        }
    }

    @Test func aSmallFigureMovingShowsAsOneRegionAroundIt() throws {
        let frame = try Scene.frame()
        let regions = try changes(from: Scene.withFigure(frame, x: 600), to: Scene.withFigure(frame, x: 612))
        #expect(regions.count == 1, "\(regions)")
        let figure = Rect(x: 600, y: 400, width: 36, height: 48)
        #expect(regions.first?.intersection(figure).area ?? 0 > 0.5 * figure.area, "\(regions)")
    }

    @Test func afterAResetTheNextFrameHasNothingToCompareWith() throws {
        let frame = try Scene.frame()
        var map = ChangeMap()
        _ = try Scene.withImage(Scene.withFigure(frame, x: 600)) { try map.observe($0) }
        map.reset()
        let regions = try Scene.withImage(Scene.withFigure(frame, x: 700)) { try map.observe($0) }
        #expect(regions.isEmpty)
    }
}
