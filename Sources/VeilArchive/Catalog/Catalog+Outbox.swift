internal import GRDB
public import Foundation

/// Cluster mode's outbox (schema version 3): the rows this node owes the cluster's PostgreSQL.
/// The catalog is the node's durable record; the outbox only says which of its segments and
/// gaps were recorded under which lease generation, and which PostgreSQL has acknowledged.
extension Catalog {
    /// One catalogued row not yet acknowledged by the cluster.
    public struct OutboxEntry: Sendable, Hashable {
        public enum Row: Sendable, Hashable {
            case segment(SegmentRecord)
            /// A gap and its local id.
            case gap(Gap, id: Int64)
            /// The segment of this local id was deleted from the catalog (retention).
            case deletedSegment(id: Int64)
        }

        public let row: Row
        /// The lease generation the camera was held under when the row was catalogued.
        public let generation: Int64

        /// The row's id in this catalog (segments and gaps number separately).
        public var localID: Int64 {
            switch row {
            case .segment(let segment): segment.id.rawValue
            case .gap(_, let id), .deletedSegment(let id): id
            }
        }

        var kind: String {
            if case .gap = row { return "gap" }
            return "segment"
        }
    }

    /// From now on, every segment and gap `camera` catalogues is owed to the cluster under
    /// `generation` (this node has just acquired its lease).
    public func holdLease(camera: String, generation: Int64) throws {
        try Validation.camera(camera, path: path)
        try write { database in
            try database.execute(sql: """
                INSERT INTO cluster_leases (camera, generation) VALUES (?, ?)
                ON CONFLICT (camera) DO UPDATE SET generation = excluded.generation
                """, arguments: [camera, generation])
        }
    }

    /// `camera`'s later rows are owed to no one (this node stopped recording it).
    public func dropLease(camera: String) throws {
        try write { try $0.execute(sql: "DELETE FROM cluster_leases WHERE camera = ?", arguments: [camera]) }
    }

    /// Owes nothing more for any camera: at a node's start, before it holds any lease (rows the
    /// start-up itself catalogued, such as a crash's gaps, were queued under the old leases).
    public func dropAllLeases() throws {
        try write { try $0.execute(sql: "DELETE FROM cluster_leases") }
    }

    /// The generations this catalog holds leases under, by camera.
    public func heldLeases() throws -> [String: Int64] {
        try withDatabase { database in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(database, sql: "SELECT camera, generation FROM cluster_leases")
                .map { ($0[0] as String, $0[1] as Int64) })
        }
    }

    /// Up to `limit` unsent entries, segments (then deletions) before gaps, oldest first. An entry whose row is
    /// gone (a gap merged into another, a segment deleted by retention before it was sent) is
    /// dropped from the outbox here: there is nothing left to send.
    public func unsentOutbox(limit: Int = 100) throws -> [OutboxEntry] {
        try write { database in
            try database.execute(sql: """
                DELETE FROM cluster_queue WHERE sent = 0 AND deleted = 0 AND (
                    (kind = 'segment' AND local_id NOT IN (SELECT id FROM segments)) OR
                    (kind = 'gap' AND local_id NOT IN (SELECT id FROM gaps)))
                """)
            let columns = Catalog.segmentColumns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespaces) }
            let segments = try Row.fetchAll(database, sql: """
                SELECT \(columns.joined(separator: ", ")), o.generation FROM cluster_queue o JOIN segments s ON s.id = o.local_id
                WHERE o.kind = 'segment' AND o.sent = 0 AND o.deleted = 0 ORDER BY o.local_id LIMIT ?
                """, arguments: [limit]).map { OutboxEntry(row: .segment(Catalog.segment($0)), generation: $0[12]) }
            let deletions = try Row.fetchAll(database, sql: """
                SELECT local_id, generation FROM cluster_queue WHERE kind = 'segment' AND sent = 0 AND deleted = 1
                ORDER BY local_id LIMIT ?
                """, arguments: [max(0, limit - segments.count)]).map { OutboxEntry(row: .deletedSegment(id: $0[0]), generation: $0[1]) }
            let gaps = try Row.fetchAll(database, sql: """
                SELECT g.id, g.camera, g.start_us, g.end_us, g.reason, g.detail, o.generation
                FROM cluster_queue o JOIN gaps g ON g.id = o.local_id
                WHERE o.kind = 'gap' AND o.sent = 0 ORDER BY o.local_id LIMIT ?
                """, arguments: [max(0, limit - segments.count - deletions.count)]).map { row in
                    OutboxEntry(row: .gap(Gap(camera: row[1], start: CatalogTime.date(row[2] as Int64),
                                              end: CatalogTime.date(row[3] as Int64),
                                              reason: Gap.Reason(rawValue: row[4] as String) ?? .disconnected,
                                              detail: row[5]), id: row[0]),
                                generation: row[6])
                }
            return segments + deletions + gaps
        }
    }

    /// Marks `entry` acknowledged by the cluster. A row changed since it was read (a gap
    /// widened, a segment paired, shredded or deleted) was marked unsent again by the catalog's triggers after the
    /// read; this marks only what was sent, so such a row goes out once more.
    public func markSent(_ entry: OutboxEntry) throws {
        try write { database in
            switch entry.row {
            case .segment(let sent):
                guard let now = try segmentRow(sent.id, database), now.pairedRawID == sent.pairedRawID,
                      now.status == sent.status else { return }
            case .deletedSegment:
                break
            case .gap(let sent, let id):
                let now = try Row.fetchOne(database, sql: "SELECT start_us, end_us FROM gaps WHERE id = ?", arguments: [id])
                guard let now, now[0] as Int64 == CatalogTime.microseconds(sent.start),
                      now[1] as Int64 == CatalogTime.microseconds(sent.end) else { return }
            }
            try database.execute(sql: "UPDATE cluster_queue SET sent = 1 WHERE kind = ? AND local_id = ?",
                                 arguments: [entry.kind, entry.localID])
        }
    }

    /// How many catalogued rows (segments, gaps, occupancy intervals) the cluster has not
    /// acknowledged yet.
    public func outboxBacklog() throws -> Int {
        try withDatabase {
            try Int.fetchOne($0, sql: """
                SELECT (SELECT count(*) FROM cluster_queue WHERE sent = 0) + (SELECT count(*) FROM cluster_occupancy_queue WHERE sent = 0)
                """) ?? 0
        }
    }

    /// An occupancy interval owed to the cluster, as stored: a figure below `minimumCount`
    /// (stored as "<N") is nil.
    public struct OccupancyOutboxRow: Sendable, Hashable {
        public let localID: Int64
        /// Nil for a building area.
        public let camera: String?
        /// `zone`, `line` or `area`.
        public let kind: String
        public let name: String
        public let start: Date
        public let end: Date
        /// `people`, `crossings` or `both`.
        public let measures: String
        public let minimumCount: Int
        public let meanPeople: Double?
        public let maxPeople: Int?
        public let entries: Int?
        public let exits: Int?
    }

    /// Up to `limit` unsent occupancy intervals, oldest first; queue rows of intervals
    /// retention forgot before they were sent are dropped.
    public func unsentOccupancy(limit: Int = 200) throws -> [OccupancyOutboxRow] {
        try write { database in
            try database.execute(sql: """
                DELETE FROM cluster_occupancy_queue WHERE sent = 0 AND local_id NOT IN (SELECT id FROM occupancy)
                """)
            return try Row.fetchAll(database, sql: """
                SELECT o.id, o.camera, o.kind, o.name, o.start_us, o.end_us, o.measures, o.minimum_count,
                       o.mean_people, o.max_people, o.entries, o.exits
                FROM cluster_occupancy_queue q JOIN occupancy o ON o.id = q.local_id
                WHERE q.sent = 0 ORDER BY q.local_id LIMIT ?
                """, arguments: [limit]).map { row in
                    OccupancyOutboxRow(localID: row[0], camera: row[1], kind: row[2], name: row[3],
                                       start: CatalogTime.date(row[4] as Int64), end: CatalogTime.date(row[5] as Int64),
                                       measures: row[6], minimumCount: Int(row[7] as Int64), meanPeople: row[8],
                                       maxPeople: (row[9] as Int64?).map(Int.init), entries: (row[10] as Int64?).map(Int.init),
                                       exits: (row[11] as Int64?).map(Int.init))
                }
        }
    }

    /// Marks these occupancy intervals acknowledged by the cluster (intervals never change).
    public func markOccupancySent(_ rows: [OccupancyOutboxRow]) throws {
        try write { database in
            for row in rows {
                try database.execute(sql: "UPDATE cluster_occupancy_queue SET sent = 1 WHERE local_id = ?", arguments: [row.localID])
            }
        }
    }

    /// The start of `camera`'s first segment beginning at or after `time`, if one is catalogued.
    public func firstSegmentStart(camera: String, notBefore time: Date) throws -> Date? {
        try withDatabase { database in
            try Int64.fetchOne(database, sql: "SELECT min(start_us) FROM segments WHERE camera = ? AND start_us >= ?",
                               arguments: [camera, CatalogTime.microseconds(time)]).map(CatalogTime.date)
        }
    }
}
