import Testing
import VeilCore
import VeilVision

@Suite struct MaskCoverageTests {
    let person = Rect(x: 10, y: 10, width: 40, height: 100)

    @Test func aBoxUnderOneMaskIsWhollyCovered() {
        #expect(MaskCoverage.fraction(of: person, under: [Rect(x: 0, y: 0, width: 100, height: 200)]) == 1)
    }

    @Test func overlappingMasksAreCountedOnce() {
        // The top 60 and the top 50 overlap: together the top 60 % of the box.
        let masks = [Rect(x: 0, y: 0, width: 100, height: 70), Rect(x: 0, y: 0, width: 100, height: 60)]
        #expect(abs(MaskCoverage.fraction(of: person, under: masks) - 0.6) < 1e-9)
    }

    @Test func twoHalvesCoverTheWholeAndAStripBesideCoversNothing() {
        let halves = [Rect(x: 10, y: 10, width: 20, height: 100), Rect(x: 30, y: 10, width: 20, height: 100)]
        #expect(abs(MaskCoverage.fraction(of: person, under: halves) - 1) < 1e-9)
        #expect(MaskCoverage.fraction(of: person, under: [Rect(x: 50, y: 0, width: 10, height: 200)]) == 0)
        #expect(MaskCoverage.fraction(of: person, under: []) == 0)
    }

    @Test func theFrameFractionOfAQuarter() {
        let frame = Size(width: 200, height: 100)
        #expect(abs(MaskCoverage.fraction(ofFrame: frame, under: [Rect(x: 0, y: 0, width: 100, height: 50)]) - 0.25) < 1e-9)
    }
}
