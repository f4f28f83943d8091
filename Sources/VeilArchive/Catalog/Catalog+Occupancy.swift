internal import GRDB
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
                try database.execute(sql: """
                    INSERT INTO occupancy (camera, kind, name, start_us, end_us, measures, minimum_count,
                                           mean_people, max_people, entries, exits)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.camera, record.subject.kind, record.subject.name,
                          CatalogTime.microseconds(record.start), CatalogTime.microseconds(record.end),
                          figures.measures.rawValue, Int64(minimumCount),
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
            try Row.fetchAll(database, sql: """
                SELECT camera, kind, name, start_us, end_us, measures, minimum_count, mean_people, max_people, entries, exits
                FROM occupancy WHERE start_us < ? AND end_us > ? AND (? IS NULL OR camera = ?) AND (? IS NULL OR name = ?)
                ORDER BY start_us, camera IS NULL, camera, kind DESC, name, id
                """, arguments: [CatalogTime.microseconds(to), CatalogTime.microseconds(from),
                      camera, camera, name, name]).map { row in
                let subject: OccupancySubject = switch row[1] as String {
                case "line": .line(row[2] as String)
                case "area": .area(row[2] as String)
                default: .zone(row[2] as String)
                }
                let measures = OccupancyMeasures(rawValue: row[5] as String) ?? .people
                let minimum = Int(row[6] as Int64)
                func figure(_ column: Int, applies: Bool) -> OccupancyFigure? {
                    guard applies else { return nil }
                    return (row[column] as Double?).map(OccupancyFigure.value) ?? .below(minimum)
                }
                return OccupancyRecord(camera: row[0] as String?, subject: subject, start: CatalogTime.date(row[3] as Int64),
                                       end: CatalogTime.date(row[4] as Int64),
                                       meanPeople: figure(7, applies: measures.hasPeople), maxPeople: figure(8, applies: measures.hasPeople),
                                       entries: figure(9, applies: measures.hasCrossings), exits: figure(10, applies: measures.hasCrossings))
            }
        }
    }

    /// Occupancy retention: forgets intervals that ended at or before `cutoff`. Returns how many.
    @discardableResult
    public func forgetOccupancy(endingBy cutoff: Date) throws -> Int {
        try write { database in
            try database.execute(sql: "DELETE FROM occupancy WHERE end_us <= ?", arguments: [CatalogTime.microseconds(cutoff)])
            return database.changesCount
        }
    }

    private static func stored(_ figure: OccupancyFigure?, integral: Bool = true) -> (any DatabaseValueConvertible)? {
        guard case .value(let value) = figure else { return nil }
        return integral ? Int64(value) : value
    }
}
