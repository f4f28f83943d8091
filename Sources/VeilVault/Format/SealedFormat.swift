/// Constants and nonce construction of sealed stream format version 1
/// (docs/sealed-format.md is the specification; keep the two in step).
enum SealedFormat {
    /// `\x89VEILRAW`: the high byte catches 7-bit transfers, the text names the format.
    static let magic: [UInt8] = [0x89, 0x56, 0x45, 0x49, 0x4c, 0x52, 0x41, 0x57]
    static let version: UInt16 = 1
    static let chunkSize = 65_536
    static let tagCount = AESGCM.tagCount
    /// A stored chunk: ciphertext then GCM tag. Every chunk but the final one is full.
    static let storedChunkSize = chunkSize + tagCount
    /// Fixed prefix read before the header length is known: magic, version, header length.
    static let prefixCount = 12
    static let maximumHeaderCount = 1024

    /// Chunk nonce: three zero bytes ‖ chunk counter (u64 big-endian) ‖ final flag (0 or 1).
    /// Unique per chunk under a per-segment random key; binds each chunk's position and
    /// whether it is the last one, so reordering, truncation and extension all fail the tag.
    static func nonce(counter: UInt64, isFinal: Bool) -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: 12)
        for i in 0..<8 { nonce[3 + i] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64(i))) }
        nonce[11] = isFinal ? 1 : 0
        return nonce
    }
}

/// Big-endian field encoding for headers.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ raw: [UInt8]) { bytes += raw }
    mutating func append(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xff)] }
    mutating func append(_ value: UInt32) { for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
    mutating func append(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
    /// A one-byte length then the UTF-8 text (at most 255 bytes).
    mutating func appendShortString(_ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= 255)
        append(UInt8(utf8.count))
        append(utf8)
    }
}

/// Big-endian field decoding; every read is bounds-checked and returns `nil` past the end.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint8() -> UInt8? { take(1).map { $0[0] } }
    mutating func uint16() -> UInt16? { take(2).map { UInt16($0[0]) << 8 | UInt16($0[1]) } }
    mutating func uint32() -> UInt32? { take(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } } }
    mutating func int64() -> Int64? { take(8).map { Int64(bitPattern: $0.reduce(0) { $0 << 8 | UInt64($1) }) } }
    mutating func shortString() -> String? {
        guard let count = uint8(), let utf8 = take(Int(count)) else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }
}
