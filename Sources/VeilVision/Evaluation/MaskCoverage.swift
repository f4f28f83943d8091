public import VeilCore

/// How much of a box lies under a set of mask rectangles: the measure behind "a reference
/// person is found" (at least 80 % of their box under the mask Veil draws).
public enum MaskCoverage {
    /// The fraction (0...1) of `box`'s area covered by the union of `masks`, exact: the box is
    /// cut into the cells the masks' edges make, and each covered cell counted once.
    public static func fraction(of box: Rect, under masks: [Rect]) -> Double {
        guard box.area > 0 else { return 0 }
        let clipped = masks.map { $0.intersection(box) }.filter { !$0.isEmpty }
        guard !clipped.isEmpty else { return 0 }
        let xs = Set(clipped.flatMap { [$0.minX, $0.maxX] } + [box.minX, box.maxX]).sorted()
        let ys = Set(clipped.flatMap { [$0.minY, $0.maxY] } + [box.minY, box.maxY]).sorted()
        var covered = 0.0
        for (x0, x1) in zip(xs, xs.dropFirst()) {
            for (y0, y1) in zip(ys, ys.dropFirst()) {
                let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
                if clipped.contains(where: { cx > $0.minX && cx < $0.maxX && cy > $0.minY && cy < $0.maxY }) {
                    covered += (x1 - x0) * (y1 - y0)
                }
            }
        }
        return min(1, covered / box.area)
    }

    /// The fraction of a `frame`-sized picture that `masks` cover together.
    public static func fraction(ofFrame frame: Size, under masks: [Rect]) -> Double {
        fraction(of: Rect(x: 0, y: 0, width: frame.width, height: frame.height), under: masks)
    }
}
