public import Foundation

/// Raw footage of one camera sealed under one epoch: the unit in which raw can be deleted.
public struct EpochUsage: Sendable, Hashable {
    public let camera: String
    public let epoch: String
    /// Bytes of its present raw segments.
    public let bytes: Int64
    public let segmentCount: Int
    public let oldestStart: Date
    public let newestEnd: Date

    public init(camera: String, epoch: String, bytes: Int64, segmentCount: Int, oldestStart: Date, newestEnd: Date) {
        self.camera = camera
        self.epoch = epoch
        self.bytes = bytes
        self.segmentCount = segmentCount
        self.oldestStart = oldestStart
        self.newestEnd = newestEnd
    }
}

extension Catalog {
    /// Marks every raw segment of `camera` sealed under `epoch` as shredded and returns all
    /// of them (including rows shredded before, whose files a crash may have left behind).
    /// `SegmentStore.deleteRawSegments` deletes the files afterwards.
    public func markShredded(camera: String, epoch: String) throws -> [SegmentRecord] {
        try write { database in
            try database.run("UPDATE segments SET status = 'shredded' WHERE kind = 'raw' AND camera = ? AND epoch = ?",
                             [.text(camera), .text(epoch)])
            return try database.query("""
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND camera = ? AND epoch = ? ORDER BY start_us
                """, [.text(camera), .text(epoch)], row: Catalog.segment)
        }
    }

    /// Marks the given raw segments shredded (deleted early for storage, their epoch still live)
    /// and returns their rows; `SegmentStore.deleteRawEarly` deletes the files afterwards.
    public func markShredded(_ ids: [SegmentID]) throws -> [SegmentRecord] {
        guard !ids.isEmpty else { return [] }
        return try write { database in
            try ids.compactMap { id in
                try database.run("UPDATE segments SET status = 'shredded' WHERE kind = 'raw' AND id = ?", [.integer(id.rawValue)])
                return try database.queryFirst("SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND id = ?",
                                               [.integer(id.rawValue)], row: Catalog.segment)
            }
        }
    }

    /// Present raw segments of `camera` sealed under `epoch`, oldest first.
    public func presentRawSegments(camera: String, epoch: String) throws -> [SegmentRecord] {
        try withDatabase { database in
            try database.query("""
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND status = 'present' AND camera = ? AND epoch = ?
                ORDER BY start_us, id
                """, [.text(camera), .text(epoch)], row: Catalog.segment)
        }
    }

    /// Present raw footage grouped by camera and epoch, oldest first: the input of storage pressure.
    public func rawEpochs() throws -> [EpochUsage] {
        try withDatabase { database in
            try database.query("""
                SELECT camera, epoch, SUM(bytes), COUNT(*), MIN(start_us), MAX(end_us) FROM segments
                WHERE kind = 'raw' AND status = 'present' GROUP BY camera, epoch ORDER BY MIN(start_us), camera, epoch
                """) { row in
                EpochUsage(camera: row.text(0), epoch: row.text(1), bytes: row.int64(2), segmentCount: Int(row.int64(3)),
                           oldestStart: CatalogTime.date(row.int64(4)), newestEnd: CatalogTime.date(row.int64(5)))
            }
        }
    }

    /// Redacted segments (any status) that ended at or before `cutoff`, oldest first.
    public func redactedSegments(endingBy cutoff: Date) throws -> [SegmentRecord] {
        try withDatabase { database in
            try database.query("""
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'redacted' AND end_us <= ? ORDER BY start_us, id
                """, [.integer(CatalogTime.microseconds(cutoff))], row: Catalog.segment)
        }
    }

    /// Removes the rows of segments whose files are gone (redacted retention, early deletion).
    /// Returns how many rows were removed.
    @discardableResult
    public func forget(_ ids: [SegmentID]) throws -> Int {
        try write { database in
            var removed = 0
            for id in ids {
                try database.run("DELETE FROM segments WHERE id = ?", [.integer(id.rawValue)])
                removed += database.changes
            }
            return removed
        }
    }

    /// Forgets history older than `cutoff`: rows of shredded raw segments and gaps that ended
    /// by then (called with the redacted retention cutoff, so nothing still viewable loses its
    /// context). Returns (raw rows, gaps) removed.
    public func forgetHistory(endingBy cutoff: Date) throws -> (rawRows: Int, gaps: Int) {
        let limit = SQLValue.integer(CatalogTime.microseconds(cutoff))
        return try write { database in
            try database.run("DELETE FROM segments WHERE kind = 'raw' AND status = 'shredded' AND end_us <= ?", [limit])
            let rawRows = database.changes
            try database.run("DELETE FROM gaps WHERE end_us <= ?", [limit])
            return (rawRows, database.changes)
        }
    }

    /// Sets the status of the given segments (reconciliation).
    func setStatus(_ status: SegmentStatus, of ids: [SegmentID]) throws {
        guard !ids.isEmpty else { return }
        try write { database in
            for id in ids {
                try database.run("UPDATE segments SET status = ? WHERE id = ?", [.text(status.rawValue), .integer(id.rawValue)])
            }
        }
    }
}
