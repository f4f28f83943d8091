/// The parts of the ISO base media (MP4) box structure that moving an index needs: reading a
/// box header, and rewriting a `moov` whose chunk offsets move by a fixed amount.
enum MP4Index {
    /// One box: its four-character type, and where it and its payload lie in its container.
    struct Box {
        let type: String
        let offset: Int
        let size: Int
        let headerSize: Int
        var payload: Range<Int> { offset + headerSize..<offset + size }
    }

    /// Reads the box header at `offset` of `bytes` (`remaining` bytes to its container's end).
    /// Sizes 1 (64-bit size follows) and 0 (to the end) are resolved. Nil when malformed.
    static func box(at offset: Int, header bytes: some RandomAccessCollection<UInt8>, remaining: Int) -> Box? {
        guard remaining >= 8, bytes.count >= 8 else { return nil }
        let start = bytes.startIndex
        func byte(_ index: Int) -> UInt64 { UInt64(bytes[bytes.index(start, offsetBy: index)]) }
        func big(_ at: Int, _ count: Int) -> UInt64 { (at..<at + count).reduce(0) { $0 << 8 | byte($1) } }
        let type = String(decoding: (4..<8).map { UInt8(byte($0)) }, as: UTF8.self)
        var size = Int(clamping: big(0, 4)), header = 8
        if size == 1 {
            guard bytes.count >= 16, remaining >= 16 else { return nil }
            size = Int(clamping: big(8, 8))
            header = 16
        } else if size == 0 {
            size = remaining
        }
        guard size >= header, size <= remaining else { return nil }
        return Box(type: type, offset: offset, size: size, headerSize: header)
    }

    /// The boxes directly inside `bytes[range]`, in order; nil when they do not tile it exactly.
    static func children(of bytes: [UInt8], in range: Range<Int>) -> [Box]? {
        var boxes: [Box] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let header = bytes[offset..<min(offset + 16, range.upperBound)]
            guard let box = box(at: offset, header: header, remaining: range.upperBound - offset) else { return nil }
            boxes.append(box)
            offset += box.size
        }
        return boxes
    }

    /// Containers on the way from `moov` to the chunk offset tables (`stco`, `co64`).
    private static let containers: Set<String> = ["moov", "trak", "mdia", "minf", "stbl"]

    /// `moov` (a whole box) with every chunk offset moved by `shift`, as 64-bit `co64` tables
    /// when `wide` (needed once an offset passes 4 GiB), otherwise as 32-bit `stco`. Nil when
    /// the box is malformed or an offset does not fit the table chosen.
    static func moov(_ moov: [UInt8], shiftedBy shift: UInt64, wide: Bool) -> [UInt8]? {
        guard let root = box(at: 0, header: moov.prefix(16), remaining: moov.count), root.type == "moov",
              root.size == moov.count else { return nil }
        return rewrite(root, of: moov, shift: shift, wide: wide)
    }

    /// The largest chunk offset in `moov` (0 when there is none); nil when malformed.
    static func largestChunkOffset(in moov: [UInt8]) -> UInt64? {
        guard let root = box(at: 0, header: moov.prefix(16), remaining: moov.count) else { return nil }
        return largestOffset(root, of: moov)
    }

    private static func largestOffset(_ box: Box, of bytes: [UInt8]) -> UInt64? {
        if containers.contains(box.type) {
            guard let children = children(of: bytes, in: box.payload) else { return nil }
            var largest: UInt64 = 0
            for child in children {
                guard let offset = largestOffset(child, of: bytes) else { return nil }
                largest = max(largest, offset)
            }
            return largest
        }
        guard box.type == "stco" || box.type == "co64" else { return 0 }
        return offsets(of: box, in: bytes)?.max() ?? 0
    }

    private static func rewrite(_ box: Box, of bytes: [UInt8], shift: UInt64, wide: Bool) -> [UInt8]? {
        if containers.contains(box.type) {
            guard let children = children(of: bytes, in: box.payload) else { return nil }
            var payload: [UInt8] = []
            for child in children {
                guard let rewritten = rewrite(child, of: bytes, shift: shift, wide: wide) else { return nil }
                payload += rewritten
            }
            return header(type: box.type, payloadCount: payload.count) + payload
        }
        guard box.type == "stco" || box.type == "co64" else { return Array(bytes[box.offset..<box.offset + box.size]) }
        guard let offsets = offsets(of: box, in: bytes) else { return nil }
        var payload = Array(bytes[box.payload.prefix(4)]) // version and flags
        payload += bigEndian(UInt64(offsets.count), bytes: 4)
        for offset in offsets {
            let (moved, overflow) = offset.addingReportingOverflow(shift)
            guard !overflow, wide || moved <= UInt64(UInt32.max) else { return nil }
            payload += bigEndian(moved, bytes: wide ? 8 : 4)
        }
        return header(type: wide ? "co64" : "stco", payloadCount: payload.count) + payload
    }

    private static func offsets(of box: Box, in bytes: [UInt8]) -> [UInt64]? {
        let width = box.type == "co64" ? 8 : 4
        let payload = box.payload
        guard payload.count >= 8 else { return nil }
        let count = Int(read(bytes, at: payload.lowerBound + 4, count: 4))
        guard payload.count == 8 + count * width else { return nil }
        return (0..<count).map { read(bytes, at: payload.lowerBound + 8 + $0 * width, count: width) }
    }

    private static func read(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        (offset..<offset + count).reduce(0) { $0 << 8 | UInt64(bytes[$1]) }
    }

    static func bigEndian(_ value: UInt64, bytes count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// A box header (32-bit size; 64-bit when the box is larger than 4 GiB).
    static func header(type: String, payloadCount: Int) -> [UInt8] {
        let name = Array(type.utf8)
        if payloadCount + 8 <= Int(UInt32.max) { return bigEndian(UInt64(payloadCount + 8), bytes: 4) + name }
        return bigEndian(1, bytes: 4) + name + bigEndian(UInt64(payloadCount + 16), bytes: 8)
    }
}
