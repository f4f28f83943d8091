import Foundation
import Testing
@testable import VeilVault
import VeilCore

func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text.filter { !$0.isWhitespace }) else { fatalError("bad hex in test: \(text)") }
    return bytes
}

func secure(_ bytes: [UInt8]) -> SecureBytes { SecureBytes(copying: bytes) }

extension SecureBytes {
    var array: [UInt8] { withUnsafeBytes { Array($0) } }
}

/// An epoch key pair made directly (no key store), for format tests.
func makeEpochKey(camera: String = "cam1", start: Date = Date(timeIntervalSince1970: 1_800_000_000)) throws -> EpochPrivateKey {
    let key = try X25519PrivateKey.generate()
    let publicKey = try key.publicKey()
    return EpochPrivateKey(camera: camera, epoch: EpochID(start: EpochWindow.start(containing: start, length: 3600)),
                           publicKey: publicKey, key: key)
}

func publicPart(of key: borrowing EpochPrivateKey) -> EpochPublicKey {
    let start = key.epoch.start
    return EpochPublicKey(camera: key.camera, epoch: key.epoch, startsAt: start, endsAt: start + 3600,
                          expiresAt: start + 3600 + 86_400, publicKey: key.publicKey)
}

/// Seals `input` to `path`, feeding it in uneven pieces to exercise chunk buffering.
func seal(_ input: [UInt8], to path: String, epoch: EpochPublicKey, pieces: [Int] = [1, 1000, 70_000, 65_536]) throws {
    let writer = try SealedSegmentWriter(path: path, epoch: epoch, segmentStart: epoch.startsAt + 60)
    var offset = 0
    var piece = 0
    while offset < input.count {
        let count = min(pieces[piece % pieces.count], input.count - offset)
        try writer.write(input[offset..<offset + count])
        offset += count
        piece += 1
    }
    try writer.finish()
}

func readFile(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
func writeFile(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// The VaultError a throwing call produced, or nil if it succeeded.
func vaultError(_ body: () throws -> Void) -> VaultError? {
    do { try body(); return nil } catch let error as VaultError { return error } catch { Issue.record("unexpected error \(error)"); return nil }
}
