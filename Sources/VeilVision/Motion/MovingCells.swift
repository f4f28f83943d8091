import VeilCore

/// Groups moving cells of a ``ChangeMap`` grid into regions: connected components over the
/// 8-neighbourhood, each returned as its bounding rectangle in frame pixels.
enum MovingCells {
    static func regions(_ counts: [Int], threshold: Int, columns: Int, cellPixels: Double, frame: Size) -> [Rect] {
        guard columns > 0 else { return [] }
        let rows = counts.count / columns
        var seen = [Bool](repeating: false, count: counts.count)
        var regions: [Rect] = []
        var stack: [Int] = []
        for start in counts.indices where counts[start] >= threshold && !seen[start] {
            var (left, top, right, bottom) = (Int.max, Int.max, Int.min, Int.min)
            seen[start] = true
            stack.append(start)
            while let cell = stack.popLast() {
                let column = cell % columns, row = cell / columns
                left = min(left, column); right = max(right, column)
                top = min(top, row); bottom = max(bottom, row)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let x = column + dx, y = row + dy
                        guard x >= 0, x < columns, y >= 0, y < rows else { continue }
                        let neighbour = y * columns + x
                        if !seen[neighbour] && counts[neighbour] >= threshold {
                            seen[neighbour] = true
                            stack.append(neighbour)
                        }
                    }
                }
            }
            let rect = Rect(x: Double(left) * cellPixels, y: Double(top) * cellPixels,
                            width: Double(right - left + 1) * cellPixels, height: Double(bottom - top + 1) * cellPixels)
            regions.append(rect.clamped(to: frame))
        }
        return regions
    }
}
