import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport
import VeilCore

/// Every modification of a sealed file is refused with a specific error and no plaintext.
@Suite struct TamperTests {
    /// A sealed file of two full chunks plus a 1000-byte final chunk (or two full chunks).
    final class Fixture {
        let dir: TemporaryDirectory
        let original: [UInt8]
        let headerCount: Int
        let stride = SealedFormat.storedChunkSize

        init(key: borrowing EpochPrivateKey, fullFinal: Bool = false) throws {
            dir = try TemporaryDirectory()
            let input = try SecureRandom.bytes(count: fullFinal ? 2 * 65_536 : 2 * 65_536 + 1000)
            try seal(input, to: dir.file("seg.veilraw"), epoch: publicPart(of: key))
            original = try readFile(dir.file("seg.veilraw"))
            headerCount = try SealedSegmentHeader.read(from: dir.file("seg.veilraw")).encoded.count
        }

        func chunkStart(_ index: Int) -> Int { headerCount + index * stride }

        /// Opens `bytes` both ways (in memory and to a file); returns the error, records an
        /// issue if it opened, and checks no output file was left.
        func open(_ bytes: [UInt8], key: borrowing EpochPrivateKey) -> VaultError? {
            let tampered = dir.file("tampered.veilraw")
            try? writeFile(tampered, bytes)
            let error = vaultError {
                let reader = try SealedSegmentReader(path: tampered, epochKey: key)
                _ = try reader.readAll()
                Issue.record("a tampered file opened")
            }
            let out = dir.file("out.raw")
            _ = vaultError { try SealedSegmentReader(path: tampered, epochKey: key).decrypt(to: out) }
            #expect(!FileManager.default.fileExists(atPath: out), "plaintext output left behind")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.allSatisfy { !$0.hasSuffix(".tmp") } == true)
            return error
        }

        func flipped(_ index: Int, mask: UInt8 = 0x01) -> [UInt8] {
            var bytes = original
            bytes[index] ^= mask
            return bytes
        }
    }

    static let headerErrors: Set<VaultError> = [.badMagic, .unsupportedVersion, .headerCorrupt, .headerTampered, .truncated]

    @Test func everyHeaderBitFlipIsRefused() throws {
        let key = try makeEpochKey()
        let fixture = try Fixture(key: key)
        for index in 0..<fixture.headerCount {
            for mask: UInt8 in [0x01, 0x80] {
                let error = fixture.open(fixture.flipped(index, mask: mask), key: key)
                #expect(error.map { Self.headerErrors.contains($0) } == true, "header byte \(index): \(String(describing: error))")
            }
        }
        #expect(fixture.open(fixture.flipped(0), key: key) == .badMagic)
        #expect(fixture.open(fixture.flipped(9), key: key) == .unsupportedVersion)
        #expect(fixture.open(fixture.flipped(fixture.headerCount - 1), key: key) == .headerTampered)
    }

    @Test func flippedBitsInEveryChunkAndTagAreRefused() throws {
        let key = try makeEpochKey()
        let fixture = try Fixture(key: key)
        let end = fixture.original.count
        let tagStarts = [fixture.chunkStart(1) - 16, fixture.chunkStart(2) - 16, end - 16]
        let positions = [fixture.chunkStart(0), fixture.chunkStart(1) + 30_000, fixture.chunkStart(2) + 5] + tagStarts + tagStarts.map { $0 + 15 }
        for position in positions {
            #expect(fixture.open(fixture.flipped(position), key: key) == .chunkAuthenticationFailed, "byte \(position)")
        }
        // Random access still refuses exactly the damaged chunk.
        try writeFile(fixture.dir.file("one.veilraw"), fixture.flipped(fixture.chunkStart(1) + 7))
        let reader = try SealedSegmentReader(path: fixture.dir.file("one.veilraw"), epochKey: key)
        #expect(try reader.readChunk(at: 0).count == 65_536)
        #expect(vaultError { _ = try reader.readChunk(at: 1) } == .chunkAuthenticationFailed)
    }

    @Test func swappedChunksAreRefused() throws {
        let key = try makeEpochKey()
        let fixture = try Fixture(key: key)
        let c0 = fixture.original[fixture.chunkStart(0)..<fixture.chunkStart(1)]
        let c1 = fixture.original[fixture.chunkStart(1)..<fixture.chunkStart(2)]
        let swapped = Array(fixture.original[..<fixture.headerCount]) + c1 + c0 + fixture.original[fixture.chunkStart(2)...]
        #expect(fixture.open(swapped, key: key) == .chunkAuthenticationFailed)
    }

    @Test func truncationIsRefused() throws {
        let key = try makeEpochKey()
        let fixture = try Fixture(key: key)
        let bytes = fixture.original
        #expect(fixture.open(Array(bytes[..<fixture.chunkStart(2)]), key: key) == .truncated, "at a chunk boundary")
        #expect(fixture.open(Array(bytes[..<fixture.chunkStart(1)]), key: key) == .truncated, "after the first chunk")
        #expect(fixture.open(Array(bytes[..<fixture.headerCount]), key: key) == .truncated, "no chunks at all")
        #expect(fixture.open(Array(bytes.dropLast(100)), key: key) == .chunkAuthenticationFailed, "mid-chunk")
        #expect(fixture.open(Array(bytes[..<(fixture.chunkStart(2) + 10)]), key: key) == .truncated, "inside a tag")
        #expect(fixture.open(Array(bytes[..<(fixture.headerCount - 20)]), key: key) == .truncated, "inside the header")
    }

    @Test func appendedChunksAreRefused() throws {
        let key = try makeEpochKey()
        let full = try Fixture(key: key, fullFinal: true)
        let extra = Array(full.original[full.chunkStart(0)..<full.chunkStart(1)])
        #expect(full.open(full.original + extra, key: key) == .trailingData)
        #expect(full.open(full.original + [0], key: key) == .trailingData)
        let partial = try Fixture(key: key)
        #expect(partial.open(partial.original + extra, key: key) == .chunkAuthenticationFailed)
    }

    @Test func chunksFromAnotherSegmentOfTheSameEpochAreRefused() throws {
        let key = try makeEpochKey()
        let a = try Fixture(key: key)
        let b = try Fixture(key: key)
        let spliced = Array(a.original[..<a.chunkStart(1)]) + b.original[b.chunkStart(1)...]
        #expect(a.open(spliced, key: key) == .chunkAuthenticationFailed)
    }
}
