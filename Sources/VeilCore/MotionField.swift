/// How the picture moved since the previous one, per square block: what a video codec's motion
/// vectors say (VeilMedia's `Frame.motionField`). The tracker moves masks with it between
/// detector runs.
///
/// Each block holds the mean displacement of its content since the previous picture, in
/// pixels (positive x: moved right), or nothing where the codec sent no vector (an intra-coded
/// block: its motion is unknown, not zero).
public struct MotionField: Hashable, Sendable {
    /// The side of a block in pixels (16: an H.264 macroblock).
    public let blockSize: Int
    public let columns: Int
    public let rows: Int
    private var sumX: [Float]
    private var sumY: [Float]
    private var counts: [UInt16]

    /// An empty field for a picture of `width` × `height` pixels: no block has a vector yet.
    public init(width: Int, height: Int, blockSize: Int = 16) {
        precondition(width > 0 && height > 0 && blockSize > 0, "a motion field needs a picture and a block size")
        self.blockSize = blockSize
        columns = (width + blockSize - 1) / blockSize
        rows = (height + blockSize - 1) / blockSize
        sumX = Array(repeating: 0, count: columns * rows)
        sumY = sumX
        counts = Array(repeating: 0, count: columns * rows)
    }

    /// Adds one vector: the content now at `position` moved by `displacement` since the previous
    /// picture. A position outside the picture or a non-finite value is ignored.
    public mutating func add(_ displacement: Point, at position: Point) {
        guard displacement.x.isFinite, displacement.y.isFinite, position.x >= 0, position.y >= 0 else { return }
        let column = Int(position.x) / blockSize, row = Int(position.y) / blockSize
        guard column < columns, row < rows else { return }
        let index = row * columns + column
        guard counts[index] < .max else { return }
        sumX[index] += Float(displacement.x)
        sumY[index] += Float(displacement.y)
        counts[index] += 1
    }

    /// The mean displacement of the block at `column`, `row`; nil where the codec sent no vector.
    public func displacement(column: Int, row: Int) -> Point? {
        guard column >= 0, column < columns, row >= 0, row < rows else { return nil }
        let index = row * columns + column
        guard counts[index] > 0 else { return nil }
        let count = Float(counts[index])
        return Point(x: Double(sumX[index] / count), y: Double(sumY[index] / count))
    }

    /// The blocks whose centre lies inside `rect`: how many there are, and the displacements of
    /// those that have a vector.
    public func displacements(inside rect: Rect) -> (blocks: Int, vectors: [Point]) {
        guard rect.isFinite else { return (0, []) }
        let size = Double(blockSize)
        // Block c's centre is at (c + 0.5) · size: the first block has c ≥ min / size − 0.5.
        func first(_ edge: Double, _ count: Int) -> Int {
            let bound = Swift.min(Swift.max(edge / size - 0.5, -1), Double(count))
            let index = Int(bound)
            return Swift.max(0, Double(index) < bound ? index + 1 : index)
        }
        func last(_ edge: Double, _ count: Int) -> Int {
            let bound = Swift.min(Swift.max(edge / size - 0.5, -1), Double(count))
            let index = Int(bound)
            return Swift.min(count - 1, Double(index) > bound ? index - 1 : index)
        }
        let firstColumn = first(rect.minX, columns), lastColumn = last(rect.maxX, columns)
        let firstRow = first(rect.minY, rows), lastRow = last(rect.maxY, rows)
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return (0, []) }
        var vectors: [Point] = []
        vectors.reserveCapacity((lastColumn - firstColumn + 1) * (lastRow - firstRow + 1))
        for row in firstRow...lastRow {
            for column in firstColumn...lastColumn {
                if let vector = displacement(column: column, row: row) { vectors.append(vector) }
            }
        }
        return ((lastColumn - firstColumn + 1) * (lastRow - firstRow + 1), vectors)
    }
}

extension Rect {
    /// True when every coordinate is a finite number.
    fileprivate var isFinite: Bool { x.isFinite && y.isFinite && width.isFinite && height.isFinite }
}
