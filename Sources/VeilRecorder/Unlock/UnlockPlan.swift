import Foundation
import VeilArchive
import VeilVault

/// A stretch of the requested range whose raw footage was destroyed, and when.
public struct ShreddedPart: Sendable, Hashable {
    public let start: Date
    public let end: Date
    /// When the epoch key was shredded; nil if the catalog says shredded but no tombstone says when.
    public let shreddedAt: Date?
    public let epoch: String?

    public var description: String {
        let when = shreddedAt.map { "destroyed at \(Timestamps.format($0))" } ?? "destroyed (time unknown: no tombstone)"
        return "\(Timestamps.format(start)) – \(Timestamps.format(end)) (epoch \(epoch ?? "?"), \(when))"
    }
}

/// Which raw segments an unlock opens and which parts of the range are shredded; decided
/// from the catalog and the vault's tombstones, before any key is touched.
public struct UnlockPlan: Sendable {
    public let camera: String
    public let requested: Range<Date>
    /// Present raw segments overlapping `requested` whose epoch key still exists, by start.
    public let segments: [SegmentRecord]
    /// Shredded parts of `requested`, by start.
    public let shredded: [ShreddedPart]

    /// Throws `.noFootage` when the range holds no raw footage at all, live or shredded.
    public init(catalog: Catalog, vault: Vault, camera: String, range: Range<Date>) throws {
        let rows = try catalog.segments(camera: camera, kind: .raw, overlapping: range, statuses: Set(SegmentStatus.allCases))
        let tombstones = try vault.shreddedEpochs(camera: camera, overlapping: range)
        let shreddedEpochs = Set(tombstones.map(\.epoch.rawValue))
        var parts = tombstones.map {
            ShreddedPart(start: max($0.start, range.lowerBound), end: min($0.end, range.upperBound),
                         shreddedAt: $0.shreddedAt, epoch: $0.epoch.rawValue)
        }
        for row in rows where row.status == .shredded && !shreddedEpochs.contains(row.epoch ?? "") {
            parts.append(ShreddedPart(start: max(row.start, range.lowerBound), end: min(row.end, range.upperBound),
                                      shreddedAt: nil, epoch: row.epoch))
        }
        self.camera = camera
        requested = range
        segments = rows.filter { $0.status == .present && !shreddedEpochs.contains($0.epoch ?? "") }
        shredded = parts.sorted { $0.start < $1.start }
        guard !segments.isEmpty || !shredded.isEmpty else {
            throw UnlockError(.noFootage, "camera '\(camera)' has no raw footage from \(Timestamps.format(range.lowerBound)) to \(Timestamps.format(range.upperBound)) (neither live nor shredded); check the camera name and range with 'veil status'.")
        }
    }
}
