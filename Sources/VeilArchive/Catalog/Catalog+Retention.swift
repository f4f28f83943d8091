internal import GRDB
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
            try database.execute(sql: "UPDATE segments SET status = 'shredded' WHERE kind = 'raw' AND camera = ? AND epoch = ?", arguments: [camera, epoch])
            return try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND camera = ? AND epoch = ? ORDER BY start_us
                """, arguments: [camera, epoch]).map(Catalog.segment)
        }
    }

    /// Marks the given raw segments shredded (deleted early for storage, their epoch still live)
    /// and returns their rows; `SegmentStore.deleteRawEarly` deletes the files afterwards.
    public func markShredded(_ ids: [SegmentID]) throws -> [SegmentRecord] {
        guard !ids.isEmpty else { return [] }
        return try write { database in
            try ids.compactMap { id in
                try database.execute(sql: "UPDATE segments SET status = 'shredded' WHERE kind = 'raw' AND id = ?", arguments: [id.rawValue])
                return try Row.fetchOne(database, sql: "SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND id = ?", arguments: [id.rawValue]).map(Catalog.segment)
            }
        }
    }

    /// Present raw segments of `camera` sealed under `epoch`, oldest first.
    public func presentRawSegments(camera: String, epoch: String) throws -> [SegmentRecord] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'raw' AND status = 'present' AND camera = ? AND epoch = ?
                ORDER BY start_us, id
                """, arguments: [camera, epoch]).map(Catalog.segment)
        }
    }

    /// Present raw footage grouped by camera and epoch, oldest first: the input of storage pressure.
    public func rawEpochs() throws -> [EpochUsage] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT camera, epoch, SUM(bytes), COUNT(*), MIN(start_us), MAX(end_us) FROM segments
                WHERE kind = 'raw' AND status = 'present' GROUP BY camera, epoch ORDER BY MIN(start_us), camera, epoch
                """).map { row in
                EpochUsage(camera: row[0] as String, epoch: row[1] as String, bytes: row[2] as Int64, segmentCount: Int(row[3] as Int64),
                           oldestStart: CatalogTime.date(row[4] as Int64), newestEnd: CatalogTime.date(row[5] as Int64))
            }
        }
    }

    /// Redacted segments (any status) that ended at or before `cutoff`, oldest first.
    public func redactedSegments(endingBy cutoff: Date) throws -> [SegmentRecord] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = 'redacted' AND end_us <= ? ORDER BY start_us, id
                """, arguments: [CatalogTime.microseconds(cutoff)]).map(Catalog.segment)
        }
    }

    /// Removes the rows of segments whose files are gone (redacted retention, early deletion).
    /// Returns how many rows were removed.
    @discardableResult
    public func forget(_ ids: [SegmentID]) throws -> Int {
        try write { database in
            var removed = 0
            for id in ids {
                try database.execute(sql: "DELETE FROM segments WHERE id = ?", arguments: [id.rawValue])
                removed += database.changesCount
            }
            return removed
        }
    }

    /// Forgets history older than `cutoff`: rows of shredded raw segments and gaps that ended
    /// by then (called with the redacted retention cutoff, so nothing still viewable loses its
    /// context). Returns (raw rows, gaps) removed.
    public func forgetHistory(endingBy cutoff: Date) throws -> (rawRows: Int, gaps: Int) {
        let limit = CatalogTime.microseconds(cutoff)
        return try write { database in
            try database.execute(sql: "DELETE FROM segments WHERE kind = 'raw' AND status = 'shredded' AND end_us <= ?", arguments: [limit])
            let rawRows = database.changesCount
            try database.execute(sql: "DELETE FROM gaps WHERE end_us <= ?", arguments: [limit])
            return (rawRows, database.changesCount)
        }
    }

    /// Sets the status of the given segments (reconciliation).
    func setStatus(_ status: SegmentStatus, of ids: [SegmentID]) throws {
        guard !ids.isEmpty else { return }
        try write { database in
            for id in ids {
                try database.execute(sql: "UPDATE segments SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
            }
        }
    }
}
