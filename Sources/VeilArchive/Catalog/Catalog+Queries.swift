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
            try database.query("""
                SELECT \(Catalog.segmentColumns) FROM segments
                WHERE camera = ? AND (?2 IS NULL OR kind = ?2) AND start_us < ? AND end_us > ? AND status IN (\(statusList))
                ORDER BY start_us, kind, id
                """, [.text(camera), .optional(kind?.rawValue), .integer(CatalogTime.microseconds(range.upperBound)),
                      .integer(CatalogTime.microseconds(range.lowerBound))], row: Catalog.segment)
        }
    }

    /// Present segments of one kind, oldest first, across cameras (at most `limit`).
    public func oldestSegments(kind: SegmentKind, limit: Int) throws -> [SegmentRecord] {
        try withDatabase { database in
            try database.query("""
                SELECT \(Catalog.segmentColumns) FROM segments WHERE kind = ? AND status = 'present'
                ORDER BY start_us, id LIMIT ?
                """, [.text(kind.rawValue), .integer(Int64(limit))], row: Catalog.segment)
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
            let joined = try database.query("""
                SELECT id, start_us, end_us FROM gaps WHERE camera = ? AND start_us <= ? AND end_us >= ? ORDER BY start_us, id
                """, [.text(gap.camera), .integer(end), .integer(start)]) { row in (id: row.int64(0), start: row.int64(1), end: row.int64(2)) }
            guard let first = joined.first else {
                try database.run("INSERT INTO gaps (camera, start_us, end_us, reason, detail) VALUES (?, ?, ?, ?, ?)",
                                 [.text(gap.camera), .integer(start), .integer(end), .text(gap.reason.rawValue), .optional(gap.detail)])
                return
            }
            try database.run("UPDATE gaps SET start_us = ?, end_us = ?, detail = COALESCE(detail, ?) WHERE id = ?",
                             [.integer(min(start, first.start)), .integer(max(end, joined.map(\.end).max()!)),
                              .optional(gap.detail), .integer(first.id)])
            for other in joined.dropFirst() {
                try database.run("DELETE FROM gaps WHERE id = ?", [.integer(other.id)])
            }
        }
    }

    /// Gaps of `camera` overlapping `range` (same boundary rule as `segments`), ordered by start.
    public func gaps(camera: String, overlapping range: Range<Date>) throws -> [Gap] {
        try withDatabase { database in
            try database.query("""
                SELECT camera, start_us, end_us, reason, detail FROM gaps
                WHERE camera = ? AND start_us < ? AND end_us > ? ORDER BY start_us, id
                """, [.text(camera), .integer(CatalogTime.microseconds(range.upperBound)),
                      .integer(CatalogTime.microseconds(range.lowerBound))]) { row in
                Gap(camera: row.text(0), start: CatalogTime.date(row.int64(1)), end: CatalogTime.date(row.int64(2)),
                    reason: Gap.Reason(rawValue: row.text(3)) ?? .disconnected, detail: row.optionalText(4))
            }
        }
    }

    /// The oldest and newest present footage of `camera` and `kind`, or `nil` if there is none.
    public func footage(camera: String, kind: SegmentKind) throws -> FootageSpan? {
        try withDatabase { database in
            try database.queryFirst("""
                SELECT MIN(start_us), MAX(end_us) FROM segments WHERE camera = ? AND kind = ? AND status = 'present'
                """, [.text(camera), .text(kind.rawValue)]) { row in
                row.optionalInt64(0).map { FootageSpan(oldest: CatalogTime.date($0), newest: CatalogTime.date(row.int64(1))) }
            } ?? nil
        }
    }

    /// Bytes of present segments per kind, over all cameras (kinds with none are 0).
    public func totalBytes() throws -> [SegmentKind: Int64] {
        try withDatabase { database in
            var totals = Dictionary(uniqueKeysWithValues: SegmentKind.allCases.map { ($0, Int64(0)) })
            for (kind, bytes) in try database.query(
                "SELECT kind, SUM(bytes) FROM segments WHERE status = 'present' GROUP BY kind", row: { ($0.text(0), $0.int64(1)) }) {
                if let kind = SegmentKind(rawValue: kind) { totals[kind] = bytes }
            }
            return totals
        }
    }

    /// Every camera with a segment or a gap in the catalog, sorted.
    public func cameras() throws -> [String] {
        try withDatabase { database in
            try database.query("SELECT camera FROM segments UNION SELECT camera FROM gaps ORDER BY camera") { $0.text(0) }
        }
    }
}
