public import Foundation
public import VeilArchive
import VeilVault

/// A stretch of the requested range with no footage, and why.
public struct ExportGap: Sendable, Hashable, Codable {
    public let start: Date
    public let end: Date
    /// The catalog's reason (`disconnected`, `crash`, …), `file missing (path)` for a segment
    /// whose file is gone, or `no segment` for a hole between files.
    public let reason: String

    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var description: String { "\(Timestamps.format(start)) – \(Timestamps.format(end)) (\(reason))" }
}

/// Which segments an export joins and which gaps it reports; decided from the catalog alone.
public struct ExportPlan: Sendable {
    public let camera: String
    public let requested: Range<Date>
    /// Present redacted segments overlapping `requested`, by start time.
    public let segments: [SegmentRecord]
    /// Gaps inside `requested`: the catalog's, and holes longer than `holeTolerance` between
    /// consecutive segments or at the range's ends.
    public let gaps: [ExportGap]

    /// Holes up to this long between segments are segment-boundary jitter, not gaps.
    public static let holeTolerance: TimeInterval = 1

    /// Selects from `catalog`; throws `.emptyRange`, `.unknownCamera` or `.noFootage`.
    public init(catalog: Catalog, camera: String, from: Date, to: Date) throws {
        guard to > from else {
            throw ExportError(.emptyRange, "--to \(Timestamps.format(to)) is not after --from \(Timestamps.format(from)); give a range whose end comes after its start.")
        }
        guard let footage = try catalog.footage(camera: camera, kind: .redacted) else {
            let known = try catalog.cameras()
            let list = known.isEmpty ? "the catalog has no cameras yet" : "cameras with footage: \(known.joined(separator: ", "))"
            throw ExportError(.unknownCamera, "camera '\(camera)' has no redacted footage in \(catalog.path) (\(list)). Check the name with 'veil status'.")
        }
        let range = from..<to
        let segments = try catalog.segments(camera: camera, kind: .redacted, overlapping: range)
        let missing = try catalog.segments(camera: camera, kind: .redacted, overlapping: range, statuses: [.missing])
        guard !segments.isEmpty else {
            if !missing.isEmpty {
                throw ExportError(.noFootage, "camera '\(camera)' from \(Timestamps.format(from)) to \(Timestamps.format(to)) is catalogued but its segment files are gone (marked missing): \(missing.map(\.path).joined(separator: ", ")). Restore them from a backup, or choose another range.")
            }
            throw ExportError(.noFootage, "camera '\(camera)' has no footage from \(Timestamps.format(from)) to \(Timestamps.format(to)); its redacted footage runs from \(Timestamps.format(footage.oldest)) to \(Timestamps.format(footage.newest)) (with any gaps in between). Choose a range inside that.")
        }
        self.camera = camera
        requested = range
        self.segments = segments
        gaps = Self.gaps(in: range, segments: segments, catalogGaps: try catalog.gaps(camera: camera, overlapping: range),
                         missing: missing)
    }

    /// The catalog's gaps and the `missing` segments' spans clipped to `range`, plus holes
    /// neither already explains.
    static func gaps(in range: Range<Date>, segments: [SegmentRecord], catalogGaps: [Gap],
                     missing: [SegmentRecord] = []) -> [ExportGap] {
        var result = catalogGaps.map {
            ExportGap(start: max($0.start, range.lowerBound), end: min($0.end, range.upperBound), reason: $0.reason.rawValue)
        }
        result += missing.map {
            ExportGap(start: max($0.start, range.lowerBound), end: min($0.end, range.upperBound), reason: "file missing (\($0.path))")
        }
        var cursor = range.lowerBound
        var holes: [(Date, Date)] = []
        for segment in segments {
            if segment.start.timeIntervalSince(cursor) > holeTolerance { holes.append((cursor, segment.start)) }
            cursor = max(cursor, segment.end)
        }
        if range.upperBound.timeIntervalSince(cursor) > holeTolerance { holes.append((cursor, range.upperBound)) }
        for (start, end) in holes where !result.contains(where: { $0.start < end && $0.end > start }) {
            result.append(ExportGap(start: start, end: end, reason: "no segment"))
        }
        return result.sorted { $0.start < $1.start }
    }
}
