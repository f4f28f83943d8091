import Testing
@testable import VeilMedia

/// Chunk offsets move with the index; past 4 GiB a 32-bit table becomes a 64-bit one and every
/// box around it grows by as much.
@Suite struct MP4IndexTests {
    func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { MP4Index.header(type: type, payloadCount: payload.count) + payload }
    func be(_ value: UInt64, _ count: Int) -> [UInt8] { MP4Index.bigEndian(value, bytes: count) }

    /// moov > trak > mdia > minf > stbl > (stsz, stco with `offsets`), plus an mvhd left alone.
    func moov(offsets: [UInt32]) -> [UInt8] {
        let stco = box("stco", [0, 0, 0, 0] + be(UInt64(offsets.count), 4) + offsets.flatMap { be(UInt64($0), 4) })
        let stbl = box("stbl", box("stsz", [UInt8](repeating: 7, count: 12)) + stco)
        return box("moov", box("mvhd", [1, 2, 3]) + box("trak", box("mdia", box("minf", stbl))))
    }

    @Test func offsetsMoveAndStay32BitWhenTheyFit() throws {
        let moved = try #require(MP4Index.moov(moov(offsets: [40, 1_000]), shiftedBy: 500, wide: false))
        #expect(moved == moov(offsets: [540, 1_500]))
        #expect(MP4Index.largestChunkOffset(in: moved) == 1_500)
    }

    @Test func offsetsPast4GiBNeedA64BitTable() throws {
        let original = moov(offsets: [40, UInt32.max - 10])
        #expect(MP4Index.moov(original, shiftedBy: 100, wide: false) == nil, "does not fit 32 bits")
        let moved = try #require(MP4Index.moov(original, shiftedBy: 100, wide: true))
        #expect(moved.count == original.count + 2 * 4, "two entries 4 bytes wider")
        #expect(MP4Index.largestChunkOffset(in: moved) == UInt64(UInt32.max) + 90)
        let co64 = try #require(moved.indices.first { Array(moved[$0..<min($0 + 4, moved.count)]) == Array("co64".utf8) })
        #expect(Array(moved[co64 + 12..<co64 + 20]) == be(140, 8))
        #expect(moved.prefix(4) == be(UInt64(moved.count), 4)[...], "the moov's size grew with it")
    }

    @Test func malformedIndexIsRefused() {
        var broken = moov(offsets: [40])
        broken[3] &+= 1 // the moov claims one byte more than it has
        #expect(MP4Index.moov(broken, shiftedBy: 1, wide: false) == nil)
    }
}
