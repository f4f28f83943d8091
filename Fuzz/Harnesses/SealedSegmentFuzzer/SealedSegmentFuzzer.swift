// Sealed raw segments (`.veilraw`): the header parser, then every chunk opened with the
// epoch key the seeds were sealed to, so the chunk, final-marker and truncation checks run
// on mutated files, not only the header's.
import Foundation
import FuzzSupport
@testable import VeilVault

/// A fixed epoch key: the seeds are sealed to its public half, so mutations of them reach the chunks.
private let camera = "lobby"
private let epoch = EpochID(rawValue: "20261129T080000Z")!
private let secret: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

private func epochPrivateKey() throws -> EpochPrivateKey {
    let publicKey = try X25519PrivateKey(rawRepresentation: SecureBytes(copying: secret)).publicKey()
    return EpochPrivateKey(camera: camera, epoch: epoch, publicKey: publicKey,
                           key: X25519PrivateKey(rawRepresentation: SecureBytes(copying: secret)))
}

private func seal(_ plaintext: [UInt8], name: String) throws -> [UInt8] {
    let key = try epochPrivateKey()
    let start = epoch.start
    let publicKey = EpochPublicKey(camera: camera, epoch: epoch, startsAt: start, endsAt: start + 3600,
                                   expiresAt: start + 90_000, publicKey: key.publicKey)
    key.destroy()
    let path = Scratch.directory + "/" + name
    let writer = try SealedSegmentWriter(path: path, epoch: publicKey, segmentStart: start + 10)
    try writer.write(plaintext)
    _ = try writer.finish()
    defer { Scratch.remove(name) }
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    SeedHook.writeSeedsIfAsked {
        // Plaintext that is an MPEG-TS-like pattern; sizes around the 64 KiB chunk boundary.
        let pattern = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 % 188 == 0 ? 0x47 : $0 &* 7) }
        return ["small.veilraw": try seal(Array(pattern.prefix(300)), name: "a.veilraw"),
                "empty.veilraw": try seal([], name: "b.veilraw"),
                "two-chunks.veilraw": try seal(pattern, name: "c.veilraw")]
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let path = Scratch.write(FuzzBytes.array(data, count), to: "segment.veilraw")
    _ = try? SealedSegmentHeader.read(from: path)
    guard let key = try? epochPrivateKey() else { fatalError("the fixed epoch key must load") }
    if let reader = try? SealedSegmentReader(path: path, epochKey: key) {
        _ = try? reader.readChunk(at: reader.chunkCount - 1)
        _ = try? reader.readAll()
    }
    key.destroy()
    return 0
}
