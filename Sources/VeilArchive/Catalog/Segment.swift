public import Foundation

/// Which of a camera's two recordings a segment belongs to.
public enum SegmentKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Blurred MP4 staff may view.
    case redacted
    /// The original stream, sealed (`.veilraw`); deletable only by shredding its epoch.
    case raw

    /// The top-level folder under the data directory.
    public var directoryName: String { rawValue }
    /// The file name extension, without the dot.
    public var fileExtension: String { self == .redacted ? "mp4" : "veilraw" }
}

/// Whether a catalogued segment's file is on disk.
public enum SegmentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// The file is in place.
    case present
    /// The file was not found at start-up (reported by reconciliation).
    case missing
    /// Raw only: its epoch key was destroyed and the file deleted. The row stays so the time
    /// range and hash remain on record.
    case shredded
}

/// The catalog's identifier of one segment.
public struct SegmentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "#\(rawValue)" }
    public static func < (lhs: SegmentID, rhs: SegmentID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A finished segment to be catalogued (its file already in its final place).
public struct NewSegment: Sendable, Hashable {
    public var camera: String
    public var kind: SegmentKind
    /// UTC; the segment covers `[start, end)`. Stored to the microsecond.
    public var start: Date
    public var end: Date
    /// Relative to the data directory, e.g. `redacted/lobby/2026-11-29/084100.mp4`.
    public var path: String
    public var bytes: Int64
    /// Lowercase hex SHA-256 of the file.
    public var sha256: String
    /// Raw: the vault epoch that sealed it (required). Redacted: `nil` to take it from
    /// `pairedRaw`, or the epoch of the paired raw segment.
    public var epoch: String?
    /// Redacted only: the raw segment with the same boundaries; its id, hash and epoch are recorded beside this one.
    public var pairedRaw: SegmentID?

    public init(camera: String, kind: SegmentKind, start: Date, end: Date, path: String, bytes: Int64,
                sha256: String, epoch: String? = nil, pairedRaw: SegmentID? = nil) {
        self.camera = camera
        self.kind = kind
        self.start = start
        self.end = end
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.epoch = epoch
        self.pairedRaw = pairedRaw
    }
}

/// One catalogued segment.
public struct SegmentRecord: Sendable, Hashable {
    public let id: SegmentID
    public let camera: String
    public let kind: SegmentKind
    public let start: Date
    public let end: Date
    /// Relative to the data directory.
    public let path: String
    public let bytes: Int64
    public let sha256: String
    /// Raw: the sealing epoch. Redacted: its paired raw segment's epoch, when known.
    public let epoch: String?
    /// Redacted only: the paired raw segment (`nil` if unknown, or its row was forgotten).
    public let pairedRawID: SegmentID?
    /// Redacted only: the paired raw segment's SHA-256, kept even after the raw is shredded.
    public let pairedRawSHA256: String?
    public let status: SegmentStatus
}

/// A stretch of time for which a camera has no footage, and why.
public struct Gap: Sendable, Hashable {
    /// Why no footage was recorded.
    public enum Reason: String, Sendable, Hashable, CaseIterable, Codable {
        /// The camera could not be reached or the connection dropped.
        case disconnected
        /// The stream stopped delivering packets (watchdog).
        case stalled
        /// Veil was stopped (cleanly).
        case shutdown
        /// Veil stopped without closing its segments (crash, kill -9, power loss).
        case crash
        /// Recording could not write because storage was exhausted.
        case storageFull
        /// The camera refused the credentials.
        case unauthorized
        /// Cluster mode: the node recording the camera stopped renewing its lease (killed,
        /// powered off, cut off from the database) and another node took the camera over.
        case failover
        /// Cluster mode: the camera moved to another node at a segment boundary (a node joined
        /// or was stopped), for the time the new node took to connect.
        case handover
    }

    public var camera: String
    /// UTC; the gap covers `[start, end)`.
    public var start: Date
    public var end: Date
    public var reason: Reason
    /// Free text for the operator (no credentials: pass it through `redactingCredentials`).
    public var detail: String?

    public init(camera: String, start: Date, end: Date, reason: Reason, detail: String? = nil) {
        self.camera = camera
        self.start = start
        self.end = end
        self.reason = reason
        self.detail = detail
    }
}
