// The audit log reader: the input is an `audit.log`. Verification walks the chain (with and
// without an anchored head), `entries()` decodes every line, and one append continues the
// chain from the last line, as every audited command does.
import Foundation
import FuzzSupport
import VeilCore
@testable import VeilVault

private struct FixedClock: WallClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_795_000_000) }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    SeedHook.writeSeedsIfAsked {
        Scratch.remove("seed")
        let log = AuditLog(path: Scratch.directory + "/seed/audit.log", clock: FixedClock())
        try log.append(actor: "os-user:root", action: "officer.add", subject: "officer alice", reason: "first officer")
        let one = Array(FileManager.default.contents(atPath: log.path)!)
        try log.append(actor: "veil-recorder", action: "epoch.create", subject: "camera lobby epoch 20261129T080000Z",
                       reason: "new epoch key 0011223344556677, expires 2026-11-30T09:00:00Z")
        try log.append(actor: "alice", action: "segment.open", subject: "raw/lobby/2026-11-29/080010.veilraw",
                       reason: "incident 42 \"quoted\" / ünïcode")
        return ["one-entry.log": one, "three-entries.log": Array(FileManager.default.contents(atPath: log.path)!)]
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzBytes.array(data, count)
    let log = AuditLog(path: Scratch.write(bytes, to: "audit/audit.log"), clock: FixedClock())
    _ = try? log.entries()
    if let verification = try? log.verify() {
        _ = try? log.verify(anchoredHead: verification.head ?? SHA256Digest(hashing: bytes))
    }
    _ = try? log.append(actor: "alice", action: "segment.open", subject: "camera lobby", reason: "fuzz")
    _ = try? log.verify()
    return 0
}
