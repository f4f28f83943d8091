internal import GRDB
import Foundation

extension Catalog {
    static let segmentColumns = """
        id, camera, kind, start_us, end_us, path, bytes, sha256, epoch, paired_raw_id, paired_raw_sha256, status
        """

    /// Catalogues a finished segment whose file is already in its final place (see
    /// `SegmentStore.commit`). A redacted segment naming `pairedRaw` gets that raw segment's
    /// hash and epoch recorded beside it.
    @discardableResult
    public func insert(_ segment: NewSegment) throws -> SegmentRecord {
        try Catalog.validate(segment)
        return try write { database in
            var epoch = segment.epoch
            var pairedHash: String?
            if let raw = segment.pairedRaw {
                let pairing = try pairingValues(raw, for: segment.camera, database)
                if let epoch, epoch != pairing.epoch {
                    throw ArchiveError.invalid("pairing a redacted segment of epoch \(epoch) with raw segment \(raw) "
                                               + "of epoch \(pairing.epoch)", path: segment.path)
                }
                epoch = pairing.epoch
                pairedHash = pairing.sha256
            }
            try database.execute(sql: """
                INSERT INTO segments (camera, kind, start_us, end_us, path, bytes, sha256, epoch,
                                      paired_raw_id, paired_raw_sha256, status, recorded_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'present', ?)
                """, arguments: [segment.camera, segment.kind.rawValue,
                      CatalogTime.microseconds(segment.start), CatalogTime.microseconds(segment.end),
                      segment.path, segment.bytes, segment.sha256, epoch,
                      segment.pairedRaw?.rawValue, pairedHash, CatalogTime.microseconds(now())])
            return try segmentRow(SegmentID(rawValue: database.lastInsertedRowID), database)!
        }
    }

    /// Records `raw` as the pair of an already catalogued redacted segment (for when the
    /// redacted segment was committed before its raw twin).
    @discardableResult
    public func pair(redacted: SegmentID, withRaw raw: SegmentID) throws -> SegmentRecord {
        try write { database in
            guard let record = try segmentRow(redacted, database), record.kind == .redacted else {
                throw ArchiveError(.notFound, "pairing segment \(redacted)", path: path, detail: "no redacted segment with that id")
            }
            let pairing = try pairingValues(raw, for: record.camera, database)
            try database.execute(sql: "UPDATE segments SET paired_raw_id = ?, paired_raw_sha256 = ?, epoch = ? WHERE id = ?", arguments: [raw.rawValue, pairing.sha256, pairing.epoch, redacted.rawValue])
            return try segmentRow(redacted, database)!
        }
    }

    /// The segment with this id, whatever its status.
    public func segment(_ id: SegmentID) throws -> SegmentRecord? {
        try withDatabase { try segmentRow(id, $0) }
    }

    /// The segment catalogued at this relative path, whatever its status.
    public func segment(atPath path: String) throws -> SegmentRecord? {
        try withDatabase { database in
            try Row.fetchOne(database, sql: "SELECT \(Catalog.segmentColumns) FROM segments WHERE path = ?", arguments: [path]).map(Catalog.segment)
        }
    }

    static func validate(_ segment: NewSegment) throws {
        try Validation.camera(segment.camera, path: segment.path)
        try Validation.sha256(segment.sha256, path: segment.path)
        if let epoch = segment.epoch { try Validation.epoch(epoch, path: segment.path) }
        guard segment.end > segment.start else {
            throw ArchiveError.invalid("cataloguing a segment ending (\(segment.end)) no later than it starts (\(segment.start))",
                                       path: segment.path)
        }
        guard segment.bytes >= 0, !segment.path.hasPrefix("/"), !segment.path.split(separator: "/").contains("..") else {
            throw ArchiveError.invalid("cataloguing a segment with a negative size or a path outside the data directory",
                                       path: segment.path)
        }
        if segment.kind == .raw {
            guard segment.epoch != nil, segment.pairedRaw == nil else {
                throw ArchiveError.invalid("cataloguing a raw segment without its epoch (or with a paired raw segment)",
                                           path: segment.path)
            }
        }
    }

    private func pairingValues(_ raw: SegmentID, for camera: String, _ database: Database) throws -> (sha256: String, epoch: String) {
        guard let record = try segmentRow(raw, database), record.kind == .raw, record.camera == camera, let epoch = record.epoch else {
            throw ArchiveError(.notFound, "pairing with raw segment \(raw)", path: path,
                               detail: "no raw segment of camera '\(camera)' with that id")
        }
        return (record.sha256, epoch)
    }

    func segmentRow(_ id: SegmentID, _ database: Database) throws -> SegmentRecord? {
        try Row.fetchOne(database, sql: "SELECT \(Catalog.segmentColumns) FROM segments WHERE id = ?", arguments: [id.rawValue]).map(Catalog.segment)
    }

    /// Maps a row selected with `segmentColumns`.
    static func segment(_ row: Row) -> SegmentRecord {
        SegmentRecord(id: SegmentID(rawValue: row[0] as Int64), camera: row[1] as String,
                      kind: SegmentKind(rawValue: row[2] as String) ?? .raw,
                      start: CatalogTime.date(row[3] as Int64), end: CatalogTime.date(row[4] as Int64),
                      path: row[5] as String, bytes: row[6] as Int64, sha256: row[7] as String, epoch: row[8] as String?,
                      pairedRawID: (row[9] as Int64?).map(SegmentID.init(rawValue:)), pairedRawSHA256: row[10] as String?,
                      status: SegmentStatus(rawValue: row[11] as String) ?? .missing)
    }
}
