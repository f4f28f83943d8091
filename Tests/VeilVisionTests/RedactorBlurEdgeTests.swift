import Testing
import VeilCore
import VeilVision

/// The blur shrinks the region and the margin around it by a power of two up to k / 16, rounding
/// the margin up to a multiple of it, and enlarges only the region back. These rectangles have
/// margins that are not multiples of the factor (8, 4, 8): one in the middle, one against the
/// right and bottom edges (the margin grows inwards), one as tall as a frame whose height is no
/// multiple of the factor (the last rows are repeated). Their edge rows and columns must be as flat as
/// their middle, and nothing outside them may change.
@Suite
struct RedactorBlurEdgeTests {
    @Test(arguments: [
        (frame: 480, rect: (x: 101, y: 37, w: 203, h: 157)),
        (frame: 480, rect: (x: 530, y: 390, w: 110, h: 90)),
        (frame: 478, rect: (x: 200, y: 0, w: 150, h: 478)),
    ])
    func edgesAreBlurredLikeTheMiddle(frame: Int, rect: (x: Int, y: Int, w: Int, h: Int)) throws {
        let original = RedactorOverlapTests.stripes(height: frame)
        let image = try RedactorOverlapTests.redacted(original, [rect])
        expectOnlyInside([rect], before: original, after: image, minimumChanged: 0.9)
        let columns = rect.x..<(rect.x + rect.w), rows = rect.y..<(rect.y + rect.h)
        let middle = RedactorOverlapTests.lumaRange(image, x: columns, y: (rect.y + rect.h / 2)..<(rect.y + rect.h / 2 + 1))
        let edges = [
            ("top row", RedactorOverlapTests.lumaRange(image, x: columns, y: rect.y..<(rect.y + 1))),
            ("bottom row", RedactorOverlapTests.lumaRange(image, x: columns, y: (rect.y + rect.h - 1)..<(rect.y + rect.h))),
            ("left stripe", RedactorOverlapTests.lumaRange(image, x: rect.x..<(rect.x + 40), y: rows)),
            ("right stripe", RedactorOverlapTests.lumaRange(image, x: (rect.x + rect.w - 40)..<(rect.x + rect.w), y: rows)),
        ]
        for (name, range) in edges {
            // Stripes of 16 and 235 keep a range of 219 where they are not blurred.
            #expect(range <= max(middle + 4, 20), "\(name): luma range \(range), middle row \(middle)")
        }
    }
}
