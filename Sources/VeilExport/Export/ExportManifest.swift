import Foundation
import VeilVault

/// What `clip.mp4.manifest.json` records about an export. Times are ISO 8601 UTC strings
/// (`Timestamps.format`), hashes lowercase hex. The signature is Ed25519 over
/// `canonicalBytes`: the manifest's JSON without the `signature` field, keys sorted.
public struct ExportManifest: Codable, Sendable, Equatable {
    public struct TimeRange: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public struct SourceSegment: Codable, Sendable, Equatable {
        /// Relative to the data directory.
        public var path: String
        public var start: String
        public var end: String
        public var sha256: String
        /// The sealed raw segment recorded with it (absent if the catalog never knew it).
        public var pairedRawSHA256: String?
    }

    public struct GapEntry: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        public var reason: String
    }

    public struct Output: Codable, Sendable, Equatable {
        /// The clip's file name when exported (it may be renamed; the hash is what counts).
        public var file: String
        public var sha256: String
        public var bytes: Int64
        public var frames: Int
        /// Frames re-encoded at the clip's ends (exact cuts only; absent in keyframe cuts).
        public var reencodedFrames: Int?
    }

    public struct Signature: Codable, Sendable, Equatable {
        /// Always `ed25519`.
        public var algorithm: String
        /// The signing public key, hex.
        public var publicKey: String
        /// The 64-byte signature, hex.
        public var value: String
    }

    public var formatVersion: Int
    public var camera: String
    public var requested: TimeRange
    public var actual: TimeRange
    public var gaps: [GapEntry]
    public var segments: [SourceSegment]
    public var output: Output
    /// True for an exact cut (`--exact`: the partial GOPs at both ends re-encoded, the clip
    /// holds exactly the frames of the range); absent for a keyframe cut.
    public var exact: Bool?
    public var tool: String
    public var createdAt: String
    public var signature: Signature?
    /// In a cluster, the node that recorded the footage and cut the clip (whose export key
    /// signs it); absent outside a cluster.
    public var node: String? = nil

    /// Written into every manifest of a keyframe cut.
    public static let toolVersion = "veil export 1 (stream copy, keyframe cut)"
    /// Written into every manifest of an exact cut.
    public static let exactToolVersion = "veil export 1 (stream copy, exact cut: partial GOPs at the ends re-encoded)"
    /// Fields a manifest must have, as dotted paths (checked before decoding, to name what is missing).
    static let requiredFields = ["formatVersion", "camera", "requested.from", "requested.to", "actual.from", "actual.to",
                                 "gaps", "segments", "output.sha256", "output.bytes", "tool", "createdAt",
                                 "signature.algorithm", "signature.publicKey", "signature.value"]

    /// The signed bytes of a manifest given as parsed JSON: `signature` removed, keys sorted.
    static func canonicalBytes(of object: [String: Any]) throws -> [UInt8] {
        var unsigned = object
        unsigned.removeValue(forKey: "signature")
        return Array(try JSONSerialization.data(withJSONObject: unsigned, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// This manifest signed with the node's export key (created on first use).
    func signed(with keys: ExportKeyStore) throws -> ExportManifest {
        var copy = self
        copy.signature = nil
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(copy)) as? [String: Any] ?? [:]
        let (signature, publicKey) = try keys.sign(try Self.canonicalBytes(of: object))
        copy.signature = Signature(algorithm: "ed25519", publicKey: publicKey.hex,
                                   value: signature.map { String(format: "%02x", $0) }.joined())
        return copy
    }

    /// Pretty, sorted JSON with a final newline, as written beside the clip.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
