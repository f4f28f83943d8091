import Foundation
@testable import VeilArchive

/// Temporary data directories, fixed times and a stand-in file hash for the archive tests.
enum ArchiveFixtures {
    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veil-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// 2026-11-29T08:00:00Z plus `seconds`.
    static func time(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: 1_795_939_200 + seconds)
    }

    /// A deterministic 64-hex-digit digest of a file's bytes (FNV-1a, repeated). The real
    /// SHA-256 comes from the vault; the archive only stores what it is given.
    static let hashFile: FileHasher = { path in
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return digest(Array(data))
    }

    static func digest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: String(repeating: "0", count: 16 - hex.count) + hex, count: 4)
    }

    /// A digest-shaped string that differs per `seed`.
    static func sha(_ seed: Int) -> String { digest(Array("seed \(seed)".utf8)) }

    /// Writes `text` at `path`.
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A raw segment row of `camera` covering `[start, start + length)` seconds.
    static func raw(_ camera: String, start: Double, length: Double = 10, epoch: String = "20261129T080000Z",
                    bytes: Int64 = 1_000, path: String? = nil) -> NewSegment {
        NewSegment(camera: camera, kind: .raw, start: time(start), end: time(start + length),
                   path: path ?? "raw/\(camera)/2026-11-29/\(Int(start)).veilraw", bytes: bytes, sha256: sha(Int(start)), epoch: epoch)
    }

    /// A redacted segment row of `camera` covering `[start, start + length)` seconds.
    static func redacted(_ camera: String, start: Double, length: Double = 10, bytes: Int64 = 500,
                         pairedRaw: SegmentID? = nil) -> NewSegment {
        NewSegment(camera: camera, kind: .redacted, start: time(start), end: time(start + length),
                   path: "redacted/\(camera)/2026-11-29/\(Int(start)).mp4", bytes: bytes, sha256: sha(100_000 + Int(start)),
                   pairedRaw: pairedRaw)
    }
}
