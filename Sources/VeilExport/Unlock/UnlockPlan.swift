public import Foundation
public import VeilArchive
public import VeilVault

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

/// A stretch of the requested range whose sealed raw segment is catalogued but its file is
/// gone (marked `missing` by reconciliation at start-up).
public struct MissingPart: Sendable, Hashable {
    public let start: Date
    public let end: Date
    public let camera: String
    /// The vanished file, relative to the data directory.
    public let path: String

    public var description: String {
        "\(Timestamps.format(start)) – \(Timestamps.format(end)) (camera \(camera), \(path): file gone, marked missing)"
    }
}

/// Which raw segments an unlock opens and which parts of the range are shredded or missing;
/// decided from the catalog and the vault's tombstones, before any key is touched.
public struct UnlockPlan: Sendable {
    public let camera: String
    public let requested: Range<Date>
    /// Present raw segments overlapping `requested` whose epoch key still exists, by start.
    public let segments: [SegmentRecord]
    /// Shredded parts of `requested`, by start.
    public let shredded: [ShreddedPart]
    /// Parts of `requested` whose raw file is gone (epoch not shredded), by start.
    public let missing: [MissingPart]

    /// Whether some of `requested` cannot be unlocked (shredded or missing).
    public var isIncomplete: Bool { !shredded.isEmpty || !missing.isEmpty }

    /// The parts that cannot be unlocked, for messages and the audit log.
    public var unavailableDescription: String {
        let parts = (shredded.isEmpty ? [] : ["shredded " + shredded.map(\.description).joined(separator: "; ")])
            + (missing.isEmpty ? [] : ["missing " + missing.map(\.description).joined(separator: "; ")])
        return parts.joined(separator: "; ")
    }

    /// Throws `.noFootage` when the range holds no raw footage at all, live, shredded or missing.
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
        missing = rows.filter { $0.status == .missing && !shreddedEpochs.contains($0.epoch ?? "") }.map {
            MissingPart(start: max($0.start, range.lowerBound), end: min($0.end, range.upperBound), camera: $0.camera, path: $0.path)
        }
        guard !segments.isEmpty || isIncomplete else {
            throw UnlockError(.noFootage, "camera '\(camera)' has no raw footage from \(Timestamps.format(range.lowerBound)) to \(Timestamps.format(range.upperBound)) (neither live, shredded nor missing); check the camera name and range with 'veil status'.")
        }
    }
}
