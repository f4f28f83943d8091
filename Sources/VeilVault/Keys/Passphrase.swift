/// A passphrase held in zeroising memory. Swift `String`s cannot be wiped, so prefer the
/// byte initialiser, which zeroes the caller's array after copying it.
public struct Passphrase: ~Copyable {
    let bytes: SecureBytes

    /// Copies `bytes`, then overwrites the caller's array with zeros.
    public init(zeroing bytes: inout [UInt8]) {
        self.bytes = SecureBytes(copying: bytes)
        for index in bytes.indices { bytes[index] = 0 }
    }

    /// Copies the UTF-8 of `text` (the `String` itself stays in memory until freed).
    public init(_ text: String) {
        bytes = SecureBytes(copying: Array(text.utf8))
    }

    /// Number of UTF-8 bytes.
    public var count: Int { bytes.count }

    /// Minimum length `veil officer add` accepts.
    public static let minimumCount = 12
}
