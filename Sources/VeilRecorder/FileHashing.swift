import Crypto
import Foundation
import VeilVault

/// The SHA-256 (lowercase hex) of a file, read in 1 MiB pieces; what the catalog records.
@Sendable func sha256OfFile(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw RecorderError("cannot read \(path) to compute its SHA-256")
    }
    defer { try? handle.close() }
    var digest = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        digest.update(data: chunk)
    }
    return Hex.encode(digest.finalize())
}

/// A recorder failure that is not a single library call's, with its own message.
public struct RecorderError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
