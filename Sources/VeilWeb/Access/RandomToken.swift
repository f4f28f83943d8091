import VeilCore
import Foundation

/// Unguessable identifiers for sessions and CSRF tokens.
enum RandomToken {
    /// `count` bytes from the system CSPRNG (`SecureRandom`), as lowercase hex.
    static func hex(bytes count: Int = 32) throws -> String {
        try SecureRandom.bytes(count: count).map { String(format: "%02x", $0) }.joined()
    }
}
