import Testing
import VeilCore
import VeilVision

@Suite struct NonMaximumSuppressionTests {
    func face(_ x: Double, _ y: Double, _ side: Double, _ score: Float) -> Detection {
        Detection(kind: .face, box: Rect(x: x, y: y, width: side, height: side), score: score)
    }

    @Test func keepsTheBestOfOverlappingBoxesAndSeparateOnes() throws {
        let best = face(100, 100, 50, 0.9)
        let overlapping = face(105, 102, 50, 0.8)  // IoU ≈ 0.76 with best
        let separate = face(300, 100, 50, 0.7)
        let kept = try NonMaximumSuppression.apply(to: [overlapping, separate, best], scoreThreshold: 0.5,
                                                   iouThreshold: 0.3)
        #expect(kept == [best, separate])
    }

    @Test func dropsBoxesBelowTheScoreThreshold() throws {
        let kept = try NonMaximumSuppression.apply(to: [face(0, 0, 10, 0.2), face(50, 0, 10, 0.6)],
                                                   scoreThreshold: 0.5, iouThreshold: 0.3)
        #expect(kept.map(\.score) == [0.6])
    }

    @Test func keepsBoxesOverlappingLessThanTheThreshold() throws {
        let a = face(0, 0, 100, 0.9), b = face(80, 0, 100, 0.8)  // IoU = 20/180 ≈ 0.11
        #expect(try NonMaximumSuppression.apply(to: [a, b], scoreThreshold: 0, iouThreshold: 0.3).count == 2)
        #expect(try NonMaximumSuppression.apply(to: [a, b], scoreThreshold: 0, iouThreshold: 0.1).count == 1)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        #expect(try NonMaximumSuppression.apply(to: [], scoreThreshold: 0.5, iouThreshold: 0.3).isEmpty)
    }
}
