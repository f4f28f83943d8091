internal import GRDB
import Foundation

/// What the archive holds for one camera and kind (`veil status`).
public struct KindSummary: Sendable, Hashable {
    /// Present segments and their bytes.
    public var segmentCount = 0
    public var bytes: Int64 = 0
    /// Oldest start and newest end of the present segments.
    public var footage: FootageSpan?
    /// Segments whose file was missing at start-up.
    public var missingCount = 0
    /// Raw only: segments whose epoch was shredded (still remembered).
    public var shreddedCount = 0

    public init() {}
}

/// What the archive holds for one camera (`veil status`; the lead adds the vault's next shred time).
public struct CameraSummary: Sendable, Hashable {
    public let camera: String
    public var redacted = KindSummary()
    public var raw = KindSummary()
    /// Gaps recorded for this camera.
    public var gapCount = 0

    public init(camera: String) { self.camera = camera }

    public subscript(kind: SegmentKind) -> KindSummary {
        get { kind == .raw ? raw : redacted }
        set { if kind == .raw { raw = newValue } else { redacted = newValue } }
    }
}

extension Catalog {
    /// One summary per camera in the catalog, sorted by camera name.
    public func summary() throws -> [CameraSummary] {
        try withDatabase { database in
            var cameras: [String: CameraSummary] = [:]
            let rows = try Row.fetchAll(database, sql: """
                SELECT camera, kind, status, COUNT(*), SUM(bytes), MIN(start_us), MAX(end_us) FROM segments
                GROUP BY camera, kind, status
                """).map { row in
                (row[0] as String, SegmentKind(rawValue: row[1] as String), SegmentStatus(rawValue: row[2] as String),
                 Int(row[3] as Int64), row[4] as Int64, row[5] as Int64, row[6] as Int64)
            }
            for (camera, kind, status, count, bytes, oldest, newest) in rows {
                guard let kind, let status else { continue }
                var entry = cameras[camera] ?? CameraSummary(camera: camera)
                switch status {
                case .present:
                    entry[kind].segmentCount = count
                    entry[kind].bytes = bytes
                    entry[kind].footage = FootageSpan(oldest: CatalogTime.date(oldest), newest: CatalogTime.date(newest))
                case .missing: entry[kind].missingCount = count
                case .shredded: entry[kind].shreddedCount = count
                }
                cameras[camera] = entry
            }
            for row in try Row.fetchAll(database, sql: "SELECT camera, COUNT(*) FROM gaps GROUP BY camera") {
                let camera: String = row[0], count: Int = row[1]
                var entry = cameras[camera] ?? CameraSummary(camera: camera)
                entry.gapCount = count
                cameras[camera] = entry
            }
            return cameras.values.sorted { $0.camera < $1.camera }
        }
    }
}
