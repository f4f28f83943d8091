import VeilCore

/// Geometry helpers the tracker and planner need beyond VeilCore's `Rect`.
extension Rect {
    /// The smallest rectangle containing both.
    func union(_ other: Rect) -> Rect {
        let left = Swift.min(minX, other.minX), top = Swift.min(minY, other.minY)
        let right = Swift.max(maxX, other.maxX), bottom = Swift.max(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Grown by `amount` pixels on every side.
    func padded(by amount: Double) -> Rect {
        Rect(x: x - amount, y: y - amount, width: width + 2 * amount, height: height + 2 * amount)
    }

    /// True when every coordinate is a finite number.
    var isFinite: Bool { x.isFinite && y.isFinite && width.isFinite && height.isFinite }

    /// True when `other` lies entirely inside this rectangle.
    func contains(_ other: Rect) -> Bool {
        other.minX >= minX && other.minY >= minY && other.maxX <= maxX && other.maxY <= maxY
    }
}
