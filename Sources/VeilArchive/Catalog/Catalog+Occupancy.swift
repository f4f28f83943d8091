public import Foundation
public import VeilCore

extension Catalog {
    /// Stores finished intervals, coarsened: every figure below `minimumCount` becomes "<N"
    /// (NULL in the table) before it is written.
    public func recordOccupancy(_ intervals: [IntervalFigures], minimumCount: Int) throws {
        guard !intervals.isEmpty else { return }
        try write { database in
            for figures in intervals {
                let record = OccupancyRecord(figures, minimumCount: minimumCount)
                try database.run("""
                    INSERT INTO occupancy (camera, kind, name, start_us, end_us, measures, minimum_count,
                                           mean_people, max_people, entries, exits)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.optional(record.camera), .text(record.subject.kind), .text(record.subject.name),
                          .integer(CatalogTime.microseconds(record.start)), .integer(CatalogTime.microseconds(record.end)),
                          .text(figures.measures.rawValue), .integer(Int64(minimumCount)),
                          Self.stored(record.meanPeople, integral: false), Self.stored(record.maxPeople),
                          Self.stored(record.entries), Self.stored(record.exits)])
            }
        }
    }

    /// The stored intervals overlapping `[from, to)`, oldest first: what `veil occupancy`
    /// prints (and the staff console charts). `camera` and `name` (a zone, line or area)
    /// narrow it when given.
    public func occupancy(camera: String? = nil, name: String? = nil, from: Date, to: Date) throws -> [OccupancyRecord] {
        try withDatabase { database in
            try database.query("""
                SELECT camera, kind, name, start_us, end_us, measures, minimum_count, mean_people, max_people, entries, exits
                FROM occupancy WHERE start_us < ? AND end_us > ? AND (? IS NULL OR camera = ?) AND (? IS NULL OR name = ?)
                ORDER BY start_us, camera IS NULL, camera, kind DESC, name, id
                """, [.integer(CatalogTime.microseconds(to)), .integer(CatalogTime.microseconds(from)),
                      .optional(camera), .optional(camera), .optional(name), .optional(name)]) { row in
                let subject: OccupancySubject = switch row.text(1) {
                case "line": .line(row.text(2))
                case "area": .area(row.text(2))
                default: .zone(row.text(2))
                }
                let measures = OccupancyMeasures(rawValue: row.text(5)) ?? .people
                let minimum = Int(row.int64(6))
                func figure(_ column: Int32, applies: Bool) -> OccupancyFigure? {
                    guard applies else { return nil }
                    return row.optionalDouble(column).map(OccupancyFigure.value) ?? .below(minimum)
                }
                return OccupancyRecord(camera: row.optionalText(0), subject: subject, start: CatalogTime.date(row.int64(3)),
                                       end: CatalogTime.date(row.int64(4)),
                                       meanPeople: figure(7, applies: measures.hasPeople), maxPeople: figure(8, applies: measures.hasPeople),
                                       entries: figure(9, applies: measures.hasCrossings), exits: figure(10, applies: measures.hasCrossings))
            }
        }
    }

    /// Occupancy retention: forgets intervals that ended at or before `cutoff`. Returns how many.
    @discardableResult
    public func forgetOccupancy(endingBy cutoff: Date) throws -> Int {
        try write { database in
            try database.run("DELETE FROM occupancy WHERE end_us <= ?", [.integer(CatalogTime.microseconds(cutoff))])
            return database.changes
        }
    }

    private static func stored(_ figure: OccupancyFigure?, integral: Bool = true) -> SQLValue {
        guard case .value(let value) = figure else { return .null }
        return integral ? .integer(Int64(value)) : .real(value)
    }
}
