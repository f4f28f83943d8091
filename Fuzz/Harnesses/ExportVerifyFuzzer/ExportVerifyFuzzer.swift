// `veil verify`: an export manifest, the clip it describes and the `--public-key` PEM.
// Input: one flag byte, then `MANIFEST \n--clip--\n CLIP \n--clip--\n PEM`. The PEM is parsed
// as the command parses `--public-key`; the manifest and clip go through `ClipVerifier` with a
// fixed trusted key. Flag bit 0 re-signs the (mutated) manifest with that key first, so the
// checks behind the signature (size, hash, field types) are reached too.
import Foundation
import FuzzSupport
import VeilCore
@testable import VeilExport
@testable import VeilVault

private let seed: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 7) }
private func signingKey() -> Ed25519PrivateKey { Ed25519PrivateKey(rawRepresentation: SecureBytes(copying: seed)) }
private let trustedKey = try! signingKey().publicKey()
private let separator = Array("\n--clip--\n".utf8)

/// The manifest object with a fresh signature by the trusted key; nil when it is not a JSON object.
private func resigned(_ manifest: [UInt8]) -> [UInt8]? {
    guard var object = (try? JSONSerialization.jsonObject(with: Data(manifest))) as? [String: Any],
          let canonical = try? ExportManifest.canonicalBytes(of: object),
          let signature = try? signingKey().signature(for: canonical) else { return nil }
    object["signature"] = ["algorithm": "ed25519", "publicKey": trustedKey.hex, "value": Hex.encode(signature)]
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { Array($0) }
}

private func seedManifest(clip: [UInt8]) throws -> [UInt8] {
    let manifest = ExportManifest(
        formatVersion: 1, camera: "lobby",
        requested: .init(from: "2026-11-29T10:00:00Z", to: "2026-11-29T10:00:20Z"),
        actual: .init(from: "2026-11-29T10:00:00Z", to: "2026-11-29T10:00:20Z"),
        gaps: [.init(start: "2026-11-29T10:00:10Z", end: "2026-11-29T10:00:12Z", reason: "camera disconnected")],
        segments: [.init(path: "redacted/lobby/2026-11-29/100000.mp4", start: "2026-11-29T10:00:00Z", end: "2026-11-29T10:00:10Z",
                         sha256: SHA256Digest(hashing: clip).hex, pairedRawSHA256: SHA256Digest(hashing: [UInt8]([1, 2, 3])).hex)],
        output: .init(file: "clip.mp4", sha256: SHA256Digest(hashing: clip).hex, bytes: Int64(clip.count), frames: 5, reencodedFrames: nil),
        exact: nil, tool: ExportManifest.toolVersion, createdAt: "2026-11-29T11:00:00Z", signature: nil)
    return resigned(Array(try manifest.encoded()))!
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    SeedHook.writeSeedsIfAsked {
        guard let clipPath = ProcessInfo.processInfo.environment["VEIL_FUZZ_SEED_CLIP"],
              let clip = FileManager.default.contents(atPath: clipPath).map(Array.init) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "VEIL_FUZZ_SEED_CLIP"])
        }
        let manifest = try seedManifest(clip: clip)
        let pem = Array(trustedKey.pem.utf8)
        return ["signed": [0] + manifest + separator + clip + separator + pem,
                "resign": [1] + manifest + separator + clip + separator,
                "wrong-size": [1] + manifest + separator + clip.dropLast(7) + separator]
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = FuzzBytes.array(data, count)
    guard let flags = input.first else { return 0 }
    let parts = FuzzBytes.split(Array(input.dropFirst()), by: separator, parts: 3)
    if !parts[2].isEmpty { _ = Ed25519PublicKey(pem: String(decoding: parts[2], as: UTF8.self)) }
    let manifest = flags & 1 != 0 ? resigned(parts[0]) ?? parts[0] : parts[0]
    let manifestPath = Scratch.write(manifest, to: "clip.mp4.manifest.json")
    let clipPath = Scratch.write(parts[1], to: "clip.mp4")
    _ = try? ClipVerifier(publicKey: trustedKey).verify(clip: clipPath, manifest: manifestPath)
    return 0
}
