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
            try database.run("""
                INSERT INTO segments (camera, kind, start_us, end_us, path, bytes, sha256, epoch,
                                      paired_raw_id, paired_raw_sha256, status, recorded_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'present', ?)
                """, [.text(segment.camera), .text(segment.kind.rawValue),
                      .integer(CatalogTime.microseconds(segment.start)), .integer(CatalogTime.microseconds(segment.end)),
                      .text(segment.path), .integer(segment.bytes), .text(segment.sha256), .optional(epoch),
                      .optional(segment.pairedRaw?.rawValue), .optional(pairedHash), .integer(CatalogTime.microseconds(now()))])
            return try segmentRow(SegmentID(rawValue: database.lastInsertRowID), database)!
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
            try database.run("UPDATE segments SET paired_raw_id = ?, paired_raw_sha256 = ?, epoch = ? WHERE id = ?",
                             [.integer(raw.rawValue), .text(pairing.sha256), .text(pairing.epoch), .integer(redacted.rawValue)])
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
            try database.queryFirst("SELECT \(Catalog.segmentColumns) FROM segments WHERE path = ?", [.text(path)], row: Catalog.segment)
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
        try database.queryFirst("SELECT \(Catalog.segmentColumns) FROM segments WHERE id = ?", [.integer(id.rawValue)], row: Catalog.segment)
    }

    /// Maps a row selected with `segmentColumns`.
    static func segment(_ row: Statement) -> SegmentRecord {
        SegmentRecord(id: SegmentID(rawValue: row.int64(0)), camera: row.text(1),
                      kind: SegmentKind(rawValue: row.text(2)) ?? .raw,
                      start: CatalogTime.date(row.int64(3)), end: CatalogTime.date(row.int64(4)),
                      path: row.text(5), bytes: row.int64(6), sha256: row.text(7), epoch: row.optionalText(8),
                      pairedRawID: row.optionalInt64(9).map(SegmentID.init(rawValue:)), pairedRawSHA256: row.optionalText(10),
                      status: SegmentStatus(rawValue: row.text(11)) ?? .missing)
    }
}
