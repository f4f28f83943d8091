public import Foundation
import PostgresNIO
import VeilArchive

/// What the staff console of any node reads of the cluster: the nodes (where each serves, its
/// certificate, whether it is running), who holds each camera, and every node's primary
/// redacted footage and gaps of a camera. Read-only.
extension ClusterNode {
    /// A node as the console reaches it.
    public struct Peer: Sendable, Hashable {
        public var name: String
        /// `https://host:port`, its console.
        public var advertise: String
        /// SHA-256 of its console certificate, lowercase hex without separators.
        public var certificateSHA256: String
        /// Heartbeat younger than two renewal intervals (as for lease planning).
        public var isActive: Bool
    }

    /// A camera of the cluster and the node of its latest lease.
    public struct CameraHolding: Sendable, Hashable {
        public var camera: String
        /// The node of the camera's latest lease (valid or not); nil if never leased.
        public var node: String?
        /// The lease is unexpired by the database's clock.
        public var isValid: Bool
    }

    /// A primary redacted segment, named by its node and that node's catalog id.
    public struct FootageSegment: Sendable, Hashable {
        public var node: String
        public var localID: Int64
        public var start: Date
        public var end: Date
    }

    /// A gap of a camera's footage as some node recorded it.
    public struct FootageGap: Sendable, Hashable {
        public var node: String
        public var start: Date
        public var end: Date
        public var reason: String
    }

    /// Every registered node, by name.
    public func peers() async throws -> [Peer] {
        let active = 2 * LeaseRules.milliseconds(rules.renewalInterval)
        return try await database.withConnection("reading the cluster's nodes for node \(name)'s console") { connection in
            let rows = try await connection.query("""
                SELECT name, advertise_url, certificate_sha256,
                       last_heartbeat > clock_timestamp() - \(active) * interval '1 millisecond'
                FROM nodes ORDER BY name
                """, logger: database.logger)
            var peers: [Peer] = []
            for try await (name, advertise, sha256, active) in rows.decode((String, String, String, Bool).self) {
                peers.append(Peer(name: name, advertise: advertise, certificateSHA256: sha256, isActive: active))
            }
            return peers
        }
    }

    /// Every camera of the cluster (retired ones left out), by name, with its latest lease.
    public func cameraHoldings() async throws -> [CameraHolding] {
        try await database.withConnection("reading who holds each camera for node \(name)'s console") { connection in
            let rows = try await connection.query("""
                SELECT c.name, l.node, coalesce(l.expires_at > clock_timestamp(), false)
                FROM cameras c LEFT JOIN camera_leases l ON l.camera = c.name
                WHERE c.retired_at IS NULL ORDER BY c.name
                """, logger: database.logger)
            var cameras: [CameraHolding] = []
            for try await (camera, node, valid) in rows.decode((String, String?, Bool).self) {
                cameras.append(CameraHolding(camera: camera, node: node, isValid: valid))
            }
            return cameras
        }
    }

    /// The primary redacted segments of `camera` (present on their node) overlapping `range`,
    /// of every node, in time order: one timeline however often the camera moved.
    public func footage(camera: String, overlapping range: Range<Date>) async throws -> [FootageSegment] {
        let from = CatalogTime.microseconds(range.lowerBound), to = CatalogTime.microseconds(range.upperBound)
        return try await database.withConnection("reading camera \(camera)'s footage for node \(name)'s console") { connection in
            let rows = try await connection.query("""
                SELECT node, local_id, start_us, end_us FROM segments
                WHERE camera = \(camera) AND kind = 'redacted' AND role = 'primary' AND status = 'present'
                  AND start_us < \(to) AND end_us > \(from)
                ORDER BY start_us, node, local_id
                """, logger: database.logger)
            var segments: [FootageSegment] = []
            for try await (node, local, start, end) in rows.decode((String, Int64, Int64, Int64).self) {
                segments.append(FootageSegment(node: node, localID: local, start: CatalogTime.date(start), end: CatalogTime.date(end)))
            }
            return segments
        }
    }

    /// The gaps of `camera` overlapping `range` that any node recorded, in time order.
    public func gaps(camera: String, overlapping range: Range<Date>) async throws -> [FootageGap] {
        let from = CatalogTime.microseconds(range.lowerBound), to = CatalogTime.microseconds(range.upperBound)
        return try await database.withConnection("reading camera \(camera)'s gaps for node \(name)'s console") { connection in
            let rows = try await connection.query("""
                SELECT node, start_us, end_us, reason FROM gaps
                WHERE camera = \(camera) AND start_us < \(to) AND end_us > \(from) ORDER BY start_us, node
                """, logger: database.logger)
            var gaps: [FootageGap] = []
            for try await (node, start, end, reason) in rows.decode((String, Int64, Int64, String).self) {
                gaps.append(FootageGap(node: node, start: CatalogTime.date(start), end: CatalogTime.date(end), reason: reason))
            }
            return gaps
        }
    }
}
