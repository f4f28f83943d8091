public import VeilCore

/// Where the picture changed since the previous frame, from luma thumbnails (the still-scene
/// check's 4×4-pixel averages): cheap enough to run on every frame, coarse enough that camera
/// noise does not show.
///
/// A sample counts as changed when it differs from the previous frame's by more than
/// `threshold` levels; the thumbnail is cut into cells of `cellSamples`×`cellSamples`
/// samples, a cell moves when at least `changedSamplesPerCell` of its samples changed, and
/// touching moving cells (8-neighbourhood) make one region. Measured (README, "Lookahead,
/// event-triggered runs and the motion net"; `ChangeMapTests`): ±6 levels of camera noise
/// change no sample; a 24×48-pixel figure moving 12 px makes one region over it.
public struct ChangeMap: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Pixels averaged into one sample, per side. Default 4 (320×180 at 720p).
        public var scale: Int
        /// Level difference beyond which a sample changed. Default 12, as the still-scene check.
        public var threshold: Int
        /// Samples per cell side. Default 8 (a 32-pixel cell).
        public var cellSamples: Int
        /// Changed samples that make a cell move. Default 3.
        public var changedSamplesPerCell: Int

        public init(scale: Int = 4, threshold: Int = 12, cellSamples: Int = 8, changedSamplesPerCell: Int = 3) {
            self.scale = scale
            self.threshold = threshold
            self.cellSamples = cellSamples
            self.changedSamplesPerCell = changedSamplesPerCell
        }
    }

    public let configuration: Configuration
    private var previous = LumaThumbnail()
    private var current = LumaThumbnail()
    private var hasPrevious = false
    private var cellCounts: [Int] = []

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Takes `image`'s thumbnail and returns the regions (frame pixels) that changed since the
    /// frame observed before; none for the first frame. If it throws, the next frame starts afresh.
    public mutating func observe(_ image: YUV420Image) throws -> [Rect] {
        swap(&previous, &current)
        let compare = hasPrevious
        hasPrevious = false
        try current.capture(image, scale: configuration.scale)
        hasPrevious = true
        guard compare, previous.width == current.width, previous.height == current.height else { return [] }
        let cells = countChangedCells()
        return MovingCells.regions(cells, threshold: configuration.changedSamplesPerCell, columns: cellColumns,
                                   cellPixels: Double(configuration.cellSamples * configuration.scale), frame: image.size)
    }

    /// Frames were lost: the next frame has nothing to compare with.
    public mutating func reset() {
        hasPrevious = false
    }

    private var cellColumns: Int { (current.width + configuration.cellSamples - 1) / configuration.cellSamples }

    /// Changed samples per cell, row-major over the cell grid.
    private mutating func countChangedCells() -> [Int] {
        let width = current.width, height = current.height, cell = configuration.cellSamples
        let columns = cellColumns, rows = (height + cell - 1) / cell
        if cellCounts.count != columns * rows { cellCounts = [Int](repeating: 0, count: columns * rows) }
        let threshold = configuration.threshold
        cellCounts.withUnsafeMutableBufferPointer { counts in
            for index in counts.indices { counts[index] = 0 }
            current.samples.withUnsafeBufferPointer { now in
                previous.samples.withUnsafeBufferPointer { before in
                    for y in 0..<height {
                        let row = y * width, cellRow = (y / cell) * columns
                        for x in 0..<width where abs(Int(now[row + x]) - Int(before[row + x])) > threshold {
                            counts[cellRow + x / cell] += 1
                        }
                    }
                }
            }
        }
        return cellCounts
    }
}
