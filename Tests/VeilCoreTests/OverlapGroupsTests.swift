import Testing
import VeilCore

@Suite struct OverlapGroupsTests {
    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> Rect {
        Rect(x: x, y: y, width: width, height: height)
    }

    @Test func noRectanglesMakeNoGroups() {
        #expect([Rect]().overlapGroups().isEmpty)
    }

    @Test func disjointRectanglesStayApart() {
        let rects = [Self.rect(0, 0, 10, 10), Self.rect(20, 0, 10, 10), Self.rect(0, 20, 10, 10)]
        #expect(rects.overlapGroups() == [[0], [1], [2]])
    }

    /// Adjacent whole-pixel rectangles share no pixel: blurring them together would gain nothing.
    @Test func rectanglesTouchingAlongAnEdgeDoNotOverlap() {
        let rects = [Self.rect(0, 0, 10, 10), Self.rect(10, 0, 10, 10), Self.rect(0, 10, 10, 10)]
        #expect(rects.overlapGroups() == [[0], [1], [2]])
    }

    @Test func nestedAndCrossingRectanglesJoin() {
        let person = Self.rect(100, 100, 80, 200)
        let face = Self.rect(120, 110, 30, 30)       // inside the person
        let other = Self.rect(170, 250, 60, 100)     // crosses the person's lower right corner
        #expect([person, face, other].overlapGroups() == [[0, 1, 2]])
    }

    /// A overlaps B, B overlaps C, A and C are apart: one group, whatever the order they come in.
    @Test func groupsAreTransitiveAndListedByFirstIndex() {
        let a = Self.rect(0, 0, 10, 10), b = Self.rect(8, 0, 10, 10), c = Self.rect(16, 0, 10, 10)
        let lone = Self.rect(100, 100, 5, 5)
        #expect([a, b, c].overlapGroups() == [[0, 1, 2]])
        #expect([c, lone, a, b].overlapGroups() == [[0, 2, 3], [1]])
        #expect([lone, c, a, b].overlapGroups() == [[0], [1, 2, 3]])
    }

    @Test func emptyRectanglesOverlapNothing() {
        let rects = [Self.rect(0, 0, 10, 10), Self.rect(5, 5, 0, 3), Self.rect(2, 2, 3, 3)]
        #expect(rects.overlapGroups() == [[0, 2], [1]])
    }
}
