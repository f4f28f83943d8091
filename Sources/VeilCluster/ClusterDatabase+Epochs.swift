public import Foundation
import PostgresNIO
public import VeilArchive

/// A cluster node as the other nodes reach it: its name and its console's address.
public struct ClusterNodeAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var advertise: String

    public var description: String { "\(name) (\(advertise))" }
}

/// An epoch its node shredded: the key destroyed, the raw segments deleted (nil while that is
/// still pending).
public struct EpochTombstone: Sendable, Hashable {
    public var camera: String
    public var epoch: String
    public var startsAt: Date
    public var endsAt: Date
    public var shreddedAt: Date
    public var rawSegmentsDeleted: Int?

    public init(camera: String, epoch: String, startsAt: Date, endsAt: Date, shreddedAt: Date, rawSegmentsDeleted: Int?) {
        self.camera = camera
        self.epoch = epoch
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.shreddedAt = shreddedAt
        self.rawSegmentsDeleted = rawSegmentsDeleted
    }
}

/// Where raw footage is and what became of it. Keys never leave the node that recorded, so
/// unlocks and holds run there; the database says which node that is, keeps the legal holds
/// placed, and the tombstones of shredded epochs.
extension ClusterDatabase {
    /// The nodes holding raw footage of `camera` still present: of epoch `epoch`, or
    /// overlapping `range`, or both.
    public func rawFootageNodes(camera: String, epoch: String? = nil,
                                overlapping range: Range<Date>? = nil) async throws -> [ClusterNodeAddress] {
        try await footageNodes(camera: camera, kind: .raw, epoch: epoch, overlapping: range)
    }

    /// The nodes holding the redacted footage of `camera` that plays for `range` (primary
    /// segments still present).
    public func redactedFootageNodes(camera: String, overlapping range: Range<Date>) async throws -> [ClusterNodeAddress] {
        try await footageNodes(camera: camera, kind: .redacted, overlapping: range)
    }

    /// Raw: every present segment (an overlap is footage too); redacted: the primary ones.
    private func footageNodes(camera: String, kind: SegmentKind, epoch: String? = nil,
                              overlapping range: Range<Date>?) async throws -> [ClusterNodeAddress] {
        let start = range.map { CatalogTime.microseconds($0.lowerBound) }, end = range.map { CatalogTime.microseconds($0.upperBound) }
        let kindName = kind.rawValue, primaryOnly = kind == .redacted
        return try await withConnection("finding the node that recorded camera \(camera)'s \(kindName) footage") { connection in
            let rows = try await connection.query("""
                SELECT DISTINCT n.name, n.advertise_url FROM segments s JOIN nodes n ON n.name = s.node
                WHERE s.camera = \(camera) AND s.kind = \(kindName) AND s.status = 'present'
                  AND (NOT \(primaryOnly) OR s.role = 'primary')
                  AND (\(epoch)::text IS NULL OR s.epoch = \(epoch))
                  AND (\(start)::bigint IS NULL OR (s.start_us < \(end) AND s.end_us > \(start)))
                ORDER BY n.name
                """, logger: logger)
            var nodes: [ClusterNodeAddress] = []
            for try await (name, advertise) in rows.decode((String, String).self) {
                nodes.append(ClusterNodeAddress(name: name, advertise: advertise))
            }
            return nodes
        }
    }

    /// Records a legal hold node `node` is about to place, before it takes effect, so a hold
    /// that cannot be recorded is never placed; returns its id for ``settleHold(_:placed:)``.
    public func recordHold(node: String, camera: String, epoch: String, until: Date, officer: String,
                           reason: String) async throws -> Int64 {
        let untilMicroseconds = CatalogTime.microseconds(until)
        return try await withConnection("recording a legal hold on camera \(camera) epoch \(epoch)") { connection in
            let rows = try await connection.query("""
                INSERT INTO legal_holds (node, camera, epoch, until_us, officer, reason, state, placed_at)
                VALUES (\(node), \(camera), \(epoch), \(untilMicroseconds), \(officer), \(reason), 'placing', clock_timestamp())
                RETURNING id
                """, logger: logger)
            guard let id = try await rows.decode(Int64.self).first(where: { _ in true }) else {
                throw ClusterError(.database, "recording a legal hold", database: configuration.address, detail: "no id returned")
            }
            return id
        }
    }

    /// Whether the hold recorded as `id` took effect on its node.
    public func settleHold(_ id: Int64, placed: Bool) async throws {
        let state = placed ? "placed" : "failed"
        _ = try await withConnection("settling legal hold \(id)") { connection in
            try await connection.query("UPDATE legal_holds SET state = \(state) WHERE id = \(id)", logger: logger)
        }
    }
}

extension ClusterNode {
    /// Records epochs this node shredded (idempotent; a later count of deleted raw files
    /// replaces a pending one).
    public func recordTombstones(_ tombstones: [EpochTombstone]) async throws {
        guard !tombstones.isEmpty else { return }
        try await database.withTransaction("recording \(tombstones.count) shredded epoch(s) of node \(name)") { connection in
            for tombstone in tombstones {
                let starts = CatalogTime.microseconds(tombstone.startsAt), ends = CatalogTime.microseconds(tombstone.endsAt)
                let shredded = CatalogTime.microseconds(tombstone.shreddedAt)
                _ = try await connection.query("""
                    INSERT INTO epoch_tombstones (node, camera, epoch, starts_us, ends_us, shredded_us, raw_deleted, recorded_at)
                    VALUES (\(name), \(tombstone.camera), \(tombstone.epoch), \(starts), \(ends), \(shredded),
                            \(tombstone.rawSegmentsDeleted), clock_timestamp())
                    ON CONFLICT (node, camera, epoch) DO UPDATE SET raw_deleted = excluded.raw_deleted
                    """, logger: database.logger)
            }
        }
    }
}
