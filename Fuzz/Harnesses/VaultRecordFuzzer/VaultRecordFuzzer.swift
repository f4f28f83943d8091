// Vault records: officer records, epoch key records and tombstones, as `Vault.open` reads
// and validates them, then unlocking the officer and unwrapping the epoch key with them.
// Input: one selector byte, then the record's bytes. Selector bits 0-1 pick the record
// replaced in a real vault (made once by the project's code); bit 2 set means "append a
// correct checksum trailer", so mutations also get past the checksum into the JSON decoder
// and the validation behind it.
import Foundation
import FuzzSupport
import VeilCore
@testable import VeilVault

private struct FixedClock: WallClock {
    let time: Date
    func now() -> Date { time }
}

private let camera = "lobby"
private let passphrase = "correct horse battery"
private let now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18
private let clock = FixedClock(time: now)

private func configuration(_ directory: String) -> VaultConfiguration {
    var configuration = VaultConfiguration(dataDirectory: directory)
    configuration.officerKeyDerivation = .testingOnly
    return configuration
}

/// The baseline vault's records, relative path → bytes, made by the real vault code.
private let baseline: [(path: String, bytes: [UInt8])] = {
    let directory = Scratch.directory + "/baseline"
    let vault = try! Vault.open(configuration: configuration(directory), clock: FixedClock(time: now - 3 * 86_400))
    _ = try! vault.addOfficer(name: "alice", passphrase: Passphrase(passphrase), actor: "fuzz")
    _ = try! vault.currentEpoch(camera: camera, at: now - 3 * 86_400)   // expired by `now`: a tombstone
    _ = try! vault.currentEpoch(camera: camera, at: now)
    let later = try! Vault.open(configuration: configuration(directory), clock: clock)
    precondition(later.startupSweep.shredded.count == 1, "the baseline vault must hold one tombstone")
    let layout = VaultLayout(dataDirectory: directory)
    let paths = [try! OfficerStore(layout: layout).list().map { layout.officer($0.name) }[0],
                 try! EpochKeyStore(layout: layout).recordPaths()[0],
                 try! EpochKeyStore(layout: layout).tombstonePaths()[0]]
    return paths.map { (String($0.dropFirst(directory.count + 1)), Array(FileManager.default.contents(atPath: $0)!)) }
}()

private func recordWithChecksum(_ body: [UInt8]) -> [UInt8] {
    body + Array("\n# sha256 ".utf8) + Array(SHA256Digest(hashing: body).hex.utf8) + [0x0a]
}

private func exercise(_ input: [UInt8]) {
    guard let selector = input.first else { return }
    let choice = Int(selector & 3) % baseline.count
    let content = Array(input.dropFirst())
    let replacement = selector & 4 != 0 ? recordWithChecksum(content) : content
    Scratch.remove("run")
    for (index, record) in baseline.enumerated() {
        Scratch.write(index == choice ? replacement : record.bytes, to: "run/" + record.path)
    }
    guard let vault = try? Vault.open(configuration: configuration(Scratch.directory + "/run"), clock: clock) else { return }
    // What `veil officer list`, `veil status` and the unlock messages print of the records.
    for officer in (try? vault.officers()) ?? [] { _ = Timestamps.format(officer.createdAt) }
    for epoch in (try? vault.liveEpochs()) ?? [] { _ = Timestamps.format(epoch.endsAt) + Timestamps.format(epoch.expiresAt) }
    for shredded in (try? vault.shreddedEpochs(camera: camera, overlapping: now - 10 * 86_400..<now + 86_400)) ?? [] {
        _ = Timestamps.format(shredded.start) + Timestamps.format(shredded.end) + Timestamps.format(shredded.shreddedAt)
        _ = try? vault.epoch(camera: camera, epoch: shredded.epoch)
    }
    guard let officer = try? vault.unlockOfficer(name: "alice", passphrase: Passphrase(passphrase)) else { return }
    for epoch in (try? vault.liveEpochs()) ?? [] {
        if let key = try? vault.unwrapEpochKey(camera: epoch.camera, epoch: epoch.epoch, officer: officer) { key.destroy() }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    SeedHook.writeSeedsIfAsked {
        var seeds: [String: [UInt8]] = [:]
        for (index, record) in baseline.enumerated() {
            let name = ["officer", "epoch-key", "tombstone"][index]
            seeds[name] = [UInt8(index)] + record.bytes
            let body = record.bytes.prefix(record.bytes.count - (10 + 64 + 1))
            seeds[name + "-body"] = [UInt8(index) | 4] + body
        }
        return seeds
    }
    _ = baseline
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    exercise(FuzzBytes.array(data, count))
    return 0
}
