import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport
import VeilCore

/// After sealing a known input, no file under the data directory or the temporary
/// directory contains any 32-byte run of it.
@Suite struct NoPlaintextTests {
    /// Any 32-byte run of the input contains a whole 16-byte block starting at a multiple
    /// of 16, so indexing those blocks and probing every offset of every file finds every
    /// 32-byte run (and some 16-byte ones: stricter than required).
    struct BlockIndex {
        struct Block: Hashable { let a: UInt64, b: UInt64 }
        var blocks = Set<Block>()

        init(_ input: [UInt8]) {
            input.withUnsafeBytes { raw in
                for offset in stride(from: 0, through: raw.count - 16, by: 16) { blocks.insert(Self.block(raw, offset)) }
            }
        }

        static func block(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> Block {
            Block(a: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), b: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        }

        func occurs(in bytes: [UInt8]) -> Bool {
            guard bytes.count >= 16 else { return false }
            return bytes.withUnsafeBytes { raw in
                (0...(raw.count - 16)).contains { blocks.contains(Self.block(raw, $0)) }
            }
        }
    }

    func files(under root: String, modifiedSince: Date) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified >= modifiedSince,
                  let size = attributes[.size] as? Int, size < 64 << 20 else { continue }
            paths.append(path)
        }
        return paths
    }

    @Test func nothingOnDiskContainsAnyRunOfTheInput() throws {
        let started = Date() - 1
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let input = try SecureRandom.bytes(count: 300_000)
        let path = try fixture.record(input, vault: vault)
        // A second segment left unfinished (as after a crash) must not leak either.
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now())
        let unfinished = try SealedSegmentWriter(path: fixture.dir.path + "/raw/cam1/day/x.veilraw", epoch: epoch, segmentStart: fixture.clock.now())
        try unfinished.write(input)

        let index = BlockIndex(input)
        #expect(index.occurs(in: Array(input[1000..<1032])), "the scanner finds a run it should find")
        let scanned = files(under: fixture.dir.path, modifiedSince: started) + files(under: NSTemporaryDirectory(), modifiedSince: started)
        #expect(scanned.count >= 6)
        for file in scanned {
            guard let bytes = try? readFile(file) else { continue }
            let leaked = index.occurs(in: bytes)
            #expect(!leaked, "plaintext found in \(file)")
        }
        #expect(try fixture.openSegment(path, vault: vault) == input, "the check is meaningful only if the segment opens")
        withExtendedLifetime(unfinished) {}
    }
}
