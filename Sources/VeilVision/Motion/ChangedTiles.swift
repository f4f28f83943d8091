public import VeilCore

/// Where the picture changed between two luma thumbnails (the still-scene check's 4×4-pixel
/// averages), on a grid of tiles: what a due detector run that ``StillSceneReuse`` defers has
/// to account for. A tile changed when any one of its samples moved by more than `threshold`
/// levels (stricter than the ``ChangeMap``'s cells, which need 3: a change missed here would
/// go unseen until the next real run, not merely for one frame).
public struct ChangedTiles: Sendable {
    /// Samples per tile side (1: a tile is one 4×4-pixel sample at the default scale).
    public static let tileSamples = 1
    /// Tiles around a changed tile that must also lie under a mask (the halo: the samples
    /// next to a change may have changed a little less than the threshold, and belong to the
    /// same moving thing). 1: a changed 4×4-pixel sample needs the 12×12 pixels around it masked.
    public static let haloTiles = 1

    public let columns: Int
    public let rows: Int
    /// The side of a tile in frame pixels.
    public let tilePixels: Double
    /// The frame pixels the thumbnail's samples cover (a few pixels at the right and bottom
    /// edges fall outside when the frame is not a multiple of the scale).
    private let extent: Size
    private var changed: [Bool]
    /// How many tiles changed.
    public private(set) var count = 0

    /// Compares `current` with `reference` (taken at `scale` pixels per sample); nil when their
    /// sizes differ (then everything changed).
    public init?(_ current: LumaThumbnail, since reference: LumaThumbnail, threshold: Int, scale: Int) {
        guard current.width == reference.width, current.height == reference.height, current.width > 0 else { return nil }
        let tile = Self.tileSamples
        columns = (current.width + tile - 1) / tile
        rows = (current.height + tile - 1) / tile
        tilePixels = Double(tile * scale)
        extent = Size(width: Double(current.width * scale), height: Double(current.height * scale))
        var changed = [Bool](repeating: false, count: columns * rows)
        let width = current.width, columns = columns
        current.samples.withUnsafeBufferPointer { now in
            reference.samples.withUnsafeBufferPointer { before in
                for y in 0..<current.height {
                    let row = y * width, tileRow = (y / tile) * columns
                    for x in 0..<width where abs(Int(now[row + x]) - Int(before[row + x])) > threshold {
                        changed[tileRow + x / tile] = true
                    }
                }
            }
        }
        self.changed = changed
        count = changed.reduce(0) { $1 ? $0 + 1 : $0 }
    }

    /// True when every changed tile and its halo lie inside `covers` (frame pixels; a tile
    /// counts as covered when one rectangle contains all of it).
    public func areCovered(by covers: [Rect]) -> Bool {
        guard count > 0 else { return true }
        var covered = [Bool](repeating: false, count: changed.count)
        for cover in covers where cover.isFinite {
            // Tiles wholly inside `cover`.
            let firstColumn = max(0, Int((cover.minX / tilePixels).rounded(.up)))
            let firstRow = max(0, Int((cover.minY / tilePixels).rounded(.up)))
            guard firstColumn < columns, firstRow < rows else { continue }
            for row in firstRow..<rows {
                if tile(row: row, column: firstColumn).maxY > cover.maxY { break }
                for column in firstColumn..<columns {
                    if tile(row: row, column: column).maxX > cover.maxX { break }
                    covered[row * columns + column] = true
                }
            }
        }
        let halo = Self.haloTiles
        for index in changed.indices where changed[index] {
            let row = index / columns, column = index % columns
            for y in max(0, row - halo)...min(rows - 1, row + halo) {
                for x in max(0, column - halo)...min(columns - 1, column + halo) where !covered[y * columns + x] {
                    return false
                }
            }
        }
        return true
    }

    /// True when a changed tile, or a tile within the halo of one, overlaps `box`.
    public func touch(_ box: Rect) -> Bool {
        guard count > 0 else { return false }
        guard box.isFinite else { return true }
        let halo = Self.haloTiles
        let firstColumn = max(0, Int((box.minX / tilePixels).rounded(.down)) - halo)
        let lastColumn = min(columns - 1, Int((box.maxX / tilePixels).rounded(.up)) - 1 + halo)
        let firstRow = max(0, Int((box.minY / tilePixels).rounded(.down)) - halo)
        let lastRow = min(rows - 1, Int((box.maxY / tilePixels).rounded(.up)) - 1 + halo)
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return false }
        for row in firstRow...lastRow {
            for column in firstColumn...lastColumn where changed[row * columns + column] { return true }
        }
        return false
    }

    /// The frame pixels of one tile, cut at the thumbnail's extent.
    private func tile(row: Int, column: Int) -> Rect {
        let x = Double(column) * tilePixels, y = Double(row) * tilePixels
        return Rect(x: x, y: y, width: min(tilePixels, extent.width - x), height: min(tilePixels, extent.height - y))
    }
}
