import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport
import VeilCore

@Suite struct SealedFormatTests {
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3 * 1_048_576 + 12_345])
    func roundTrips(size: Int) throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey()
        let input = try SecureRandom.bytes(count: size)
        try seal(input, to: dir.file("a.veilraw"), epoch: publicPart(of: key))
        let reader = try SealedSegmentReader(path: dir.file("a.veilraw"), epochKey: key)
        #expect(reader.chunkCount == max(1, (size + 65_535) / 65_536))
        #expect(try reader.readAll() == input)
        let stored = try readFile(dir.file("a.veilraw"))
        #expect(stored.count == reader.header.encoded.count + size + 16 * reader.chunkCount)
    }

    @Test func chunksOpenByIndexWithoutTheRest() throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey()
        let input = try SecureRandom.bytes(count: 5 * 65_536 + 7)
        try seal(input, to: dir.file("a.veilraw"), epoch: publicPart(of: key))
        let reader = try SealedSegmentReader(path: dir.file("a.veilraw"), epochKey: key)
        #expect(reader.chunkCount == 6)
        #expect(try reader.readChunk(at: 3) == Array(input[3 * 65_536..<4 * 65_536]))
        #expect(try reader.readChunk(at: 5) == Array(input[(5 * 65_536)...]))
        #expect(vaultError { _ = try reader.readChunk(at: 6) } == .chunkOutOfRange)
    }

    @Test func aBufferPointerIsAcceptedThroughTheCollectionAPI() throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey()
        let input = try SecureRandom.bytes(count: 100_000)
        let writer = try SealedSegmentWriter(path: dir.file("p.veilraw"), epoch: publicPart(of: key), segmentStart: Date())
        // Through a generic function only the public `some Collection<UInt8>` overload applies.
        func feed(_ bytes: some Collection<UInt8>) throws { try writer.write(bytes) }
        try input.withUnsafeBytes { try feed($0) }
        #expect(try writer.finish() == input.count)
        #expect(try SealedSegmentReader(path: dir.file("p.veilraw"), epochKey: key).readAll() == input)
    }

    @Test func headerFieldsAreReadableWithoutAKey() throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey(camera: "lobby-2")
        let epoch = publicPart(of: key)
        try seal([1, 2, 3], to: dir.file("a.veilraw"), epoch: epoch)
        let header = try SealedSegmentHeader.read(from: dir.file("a.veilraw"))
        #expect(header.camera == "lobby-2")
        #expect(header.epoch == epoch.epoch)
        #expect(header.segmentStart == epoch.startsAt + 60)
        #expect(header.epochPublicKey == epoch.publicKey)
    }

    @Test func aSegmentOpensOnlyWithItsOwnEpochKey() throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey()
        let other = try makeEpochKey()
        try seal([1, 2, 3], to: dir.file("a.veilraw"), epoch: publicPart(of: key))
        #expect(vaultError { _ = try SealedSegmentReader(path: dir.file("a.veilraw"), epochKey: other) } == .headerTampered)
    }

    @Test func anAbandonedWriterLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        let key = try makeEpochKey()
        do {
            let writer = try SealedSegmentWriter(path: dir.file("a.veilraw"), epoch: publicPart(of: key), segmentStart: Date())
            try writer.write([UInt8](repeating: 7, count: 100_000))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func nonceEncodesCounterAndFinalFlag() {
        #expect(SealedFormat.nonce(counter: 0, isFinal: false) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(SealedFormat.nonce(counter: 0x0102_0304_0506_0708, isFinal: true) == [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1])
    }
}
