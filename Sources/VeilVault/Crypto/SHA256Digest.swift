internal import Crypto
package import Foundation
import VeilCore

/// A SHA-256 digest (32 bytes), as the vault stores and compares it: record checksums, the
/// audit chain, a head hash given on the command line. Computed by swift-crypto's `SHA256`.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// The SHA-256 of `data`.
    package init(hashing data: some DataProtocol) {
        bytes = Array(Crypto.SHA256.hash(data: data))
    }

    /// Parses 64 hexadecimal digits (either case); `nil` otherwise.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Lower-case hexadecimal, 64 characters.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }
}
