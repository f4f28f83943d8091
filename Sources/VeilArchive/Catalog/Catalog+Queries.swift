internal import GRDB
public import Foundation

/// The oldest start and newest end of a camera's footage of one kind.
public struct FootageSpan: Sendable, Hashable {
    public let oldest: Date
    public let newest: Date
}

extension Catalog {
    /// Segments of `camera` overlapping `range` (half-open: a segment ending exactly at
    /// `range.lowerBound` or starting exactly at `range.upperBound` is not included), ordered
    /// by start. `kind: nil` returns both kinds; `statuses` defaults to present files only.
    public func segments(camera: String, kind: SegmentKind? = nil, overlapping range: Range<Date>,
                         statuses: Set<SegmentStatus> = [.present]) throws -> [SegmentRecord] {
        let statusList = statuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        guard !statusList.isEmpty else { return [] }
        return try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments
                WHERE camera = ? AND (?2 IS NULL OR kind = ?2) AND start_us < ? AND end_us > ? AND status IN (\(statusList))
                ORDER BY start_us, kind, id
                """, arguments: [camera, kind?.rawValue, CatalogTime.microseconds(range.upperBound),
                      CatalogTime.microseconds(range.lowerBound)]).map(Catalog.segment)
        }
    }

    /// Present segments of one kind, oldest first, across cameras (at most `limit`).
    public func oldestSegments(kind: SegmentKind, limit: Int) throws -> [SegmentRecord] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = ? AND status = 'present'
                ORDER BY start_us, id LIMIT ?
                """, arguments: [kind.rawValue, Int64(limit)]).map(Catalog.segment)
        }
    }

    /// Records that `gap.camera` has no footage during `[gap.start, gap.end)`. A gap that
    /// overlaps or touches gaps already recorded for the camera is the same outage going on (a
    /// segment lost to a full disk, then the reconnection it caused): the earliest of those rows
    /// is widened to cover them all and keeps its reason and detail (what started the outage),
    /// so one outage is one row.
    public func recordGap(_ gap: Gap) throws {
        try Validation.camera(gap.camera, path: path)
        guard gap.end >= gap.start else {
            throw ArchiveError.invalid("recording a gap ending before it starts", path: path)
        }
        let start = CatalogTime.microseconds(gap.start), end = CatalogTime.microseconds(gap.end)
        try write { database in
            let joined = try Row.fetchAll(database, sql: """
                SELECT id, start_us, end_us FROM gaps WHERE camera = ? AND start_us <= ? AND end_us >= ? ORDER BY start_us, id
                """, arguments: [gap.camera, end, start]).map { row in (id: row[0] as Int64, start: row[1] as Int64, end: row[2] as Int64) }
            guard let first = joined.first else {
                try database.execute(sql: "INSERT INTO gaps (camera, start_us, end_us, reason, detail) VALUES (?, ?, ?, ?, ?)", arguments: [gap.camera, start, end, gap.reason.rawValue, gap.detail])
                return
            }
            try database.execute(sql: "UPDATE gaps SET start_us = ?, end_us = ?, detail = COALESCE(detail, ?) WHERE id = ?", arguments: [min(start, first.start), max(end, joined.map(\.end).max()!),
                              gap.detail, first.id])
            for other in joined.dropFirst() {
                try database.execute(sql: "DELETE FROM gaps WHERE id = ?", arguments: [other.id])
            }
        }
    }

    /// Gaps of `camera` overlapping `range` (same boundary rule as `segments`), ordered by start.
    public func gaps(camera: String, overlapping range: Range<Date>) throws -> [Gap] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT camera, start_us, end_us, reason, detail FROM gaps
                WHERE camera = ? AND start_us < ? AND end_us > ? ORDER BY start_us, id
                """, arguments: [camera, CatalogTime.microseconds(range.upperBound),
                      CatalogTime.microseconds(range.lowerBound)]).map { row in
                Gap(camera: row[0] as String, start: CatalogTime.date(row[1] as Int64), end: CatalogTime.date(row[2] as Int64),
                    reason: Gap.Reason(rawValue: row[3] as String) ?? .disconnected, detail: row[4] as String?)
            }
        }
    }

    /// The oldest and newest present footage of `camera` and `kind`, or `nil` if there is none.
    public func footage(camera: String, kind: SegmentKind) throws -> FootageSpan? {
        try withDatabase { database in
            try Row.fetchOne(database, sql: """
                SELECT MIN(start_us), MAX(end_us) FROM segments WHERE camera = ? AND kind = ? AND status = 'present'
                """, arguments: [camera, kind.rawValue]).map { row in
                (row[0] as Int64?).map { FootageSpan(oldest: CatalogTime.date($0), newest: CatalogTime.date(row[1] as Int64)) }
            } ?? nil
        }
    }

    /// Bytes of present segments per kind, over all cameras (kinds with none are 0).
    public func totalBytes() throws -> [SegmentKind: Int64] {
        try withDatabase { database in
            var totals = Dictionary(uniqueKeysWithValues: SegmentKind.allCases.map { ($0, Int64(0)) })
            let sums = try Row.fetchAll(database, sql: "SELECT kind, SUM(bytes) FROM segments WHERE status = 'present' GROUP BY kind")
            for (kind, bytes) in sums.map({ ($0[0] as String, $0[1] as Int64) }) {
                if let kind = SegmentKind(rawValue: kind) { totals[kind] = bytes }
            }
            return totals
        }
    }

    /// Every camera with a segment or a gap in the catalog, sorted.
    public func cameras() throws -> [String] {
        try withDatabase { database in
            try String.fetchAll(database, sql: "SELECT camera FROM segments UNION SELECT camera FROM gaps ORDER BY camera")
        }
    }
}
