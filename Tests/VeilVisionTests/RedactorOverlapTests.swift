import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// Overlapping rectangles (a face inside its person, people side by side) are blurred once per
/// group of overlapping rectangles, over the group's bounding box with its strongest member's
/// kernel, and written back only inside the members.
@Suite
struct RedactorOverlapTests {
    static func rect(_ r: (x: Int, y: Int, w: Int, h: Int)) -> Rect {
        Rect(x: Double(r.x), y: Double(r.y), width: Double(r.w), height: Double(r.h))
    }

    static func redacted(_ original: YUV420Buffer, _ rects: [(x: Int, y: Int, w: Int, h: Int)],
                         style: RedactionStyle = .default) throws -> YUV420Buffer {
        let image = original.copy()
        try image.withPlanes { try Redactor(style: style).apply(.regions(rects.map(rect), zones: []), to: $0) }
        return image
    }

    /// Vertical stripes 40 px wide, black and white: a blur with a kernel much narrower than the
    /// 80 px period leaves them visible, a kernel several periods wide flattens them.
    static func stripes(width: Int = 640, height: Int = 480) -> YUV420Buffer {
        let cw = (width + 1) / 2, ch = (height + 1) / 2
        var bytes = [UInt8](repeating: 128, count: width * height + 2 * cw * ch)
        for y in 0..<height { for x in 0..<width { bytes[y * width + x] = (x / 40) % 2 == 0 ? 16 : 235 } }
        return YUV420Buffer(width: width, height: height, bytes: bytes)
    }

    /// Highest minus lowest luma in the window.
    static func lumaRange(_ image: YUV420Buffer, x: Range<Int>, y: Range<Int>) -> Int {
        let values = y.flatMap { row in x.map { Int(image.bytes[row * image.width + $0]) } }
        return values.max()! - values.min()!
    }

    /// An L of two overlapping rectangles and one apart: the corner of their bounding box that
    /// neither covers, and everything else outside them, keeps its bytes (luma and chroma).
    @Test(arguments: [RedactionStyle.default, .blur(strength: 10), .pixelate(block: 8), .solid(luma: 16)])
    func pixelsBetweenOverlappingRectanglesKeepTheirBytes(style: RedactionStyle) throws {
        let original = try Fixtures.frame(Fixtures.astronaut)
        let rects = [(x: 100, y: 100, w: 120, h: 80), (x: 181, y: 151, w: 99, h: 119), (x: 400, y: 50, w: 50, h: 50)]
        let image = try Self.redacted(original, rects, style: style)
        expectOnlyInside(rects, before: original, after: image, minimumChanged: 0.4)
    }

    /// Listing a rectangle twice, or again as its overlap with another, hides nothing more: the
    /// covered pixels are blurred once. (Before grouping, each listing blurred them again.)
    @Test func aPixelIsBlurredOnceHoweverOftenItIsCovered() throws {
        let original = try Fixtures.frame(Fixtures.astronaut)
        let a = (x: 100, y: 100, w: 120, h: 80), b = (x: 181, y: 151, w: 99, h: 119)
        let once = try Self.redacted(original, [a, b])
        #expect(try Self.redacted(original, [a, b, a]).bytes == once.bytes)
        #expect(try Self.redacted(original, [a, b, (x: 181, y: 151, w: 39, h: 29)]).bytes == once.bytes)
    }

    @Test func theOrderOfOverlappingRectanglesDoesNotMatter() throws {
        let original = try Fixtures.frame(Fixtures.astronaut)
        let face = (x: 190, y: 70, w: 70, h: 80), person = (x: 150, y: 60, w: 160, h: 400)
        let neighbour = (x: 290, y: 200, w: 120, h: 300)
        #expect(try Self.redacted(original, [face, person, neighbour]).bytes
                == Self.redacted(original, [neighbour, person, face]).bytes)
    }

    /// A thin rectangle (kernel 41) crossing a large one (kernel 301): the thin one's pixels,
    /// inside and outside the large one, are blurred at least as flat as the large one alone
    /// blurs its own pixels. Before grouping, the thin one's pixels outside the large one kept
    /// stripes of ~100 levels.
    @Test func eachPixelGetsTheStrongestKernelOfItsGroup() throws {
        let original = Self.stripes()
        let strong = (x: 100, y: 100, w: 300, h: 300), weak = (x: 360, y: 150, w: 120, h: 40)
        let alone = try Self.redacted(original, [strong])
        let reference = Self.lumaRange(alone, x: 150..<350, y: 200..<300)
        for rects in [[strong, weak], [weak, strong]] {
            let image = try Self.redacted(original, rects)
            let overlap = Self.lumaRange(image, x: 362..<398, y: 152..<188)
            let weakOnly = Self.lumaRange(image, x: 402..<478, y: 152..<188)
            #expect(overlap <= reference + 2, "overlap: range \(overlap), the strong one alone \(reference)")
            #expect(weakOnly <= reference + 2, "thin rectangle outside the large one: range \(weakOnly), the strong one alone \(reference)")
        }
    }
}
