import Crypto
import Foundation
import VeilCore

/// The SHA-256 (lowercase hex) of a file, read in 1 MiB pieces: what the catalog records for
/// every segment, and what an export's manifest states for its clip.
@Sendable public func sha256OfFile(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw ArchiveError(.fileSystem, "computing the SHA-256 of the file", path: path, detail: "it cannot be opened for reading")
    }
    defer { try? handle.close() }
    var digest = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        digest.update(data: chunk)
    }
    return Hex.encode(digest.finalize())
}
