import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport

/// Inputs that once crashed a harness in Fuzz/ (kept in Tests/Fixtures/fuzz/<harness>/):
/// each now ends in one clear error instead of a trap.
@Suite struct FuzzRegressionTests {
    static func fixture(_ harness: String, _ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/fuzz/\(harness)/\(name)")))
    }

    /// A last entry with sequence number Int.max made every append trap on `seq + 1`.
    @Test func appendAfterAnEntryNumberedIntMaxIsRefused() throws {
        let dir = try TemporaryDirectory()
        let log = AuditLog(path: dir.file("audit/audit.log"), clock: ManualClock(VaultFixture.start))
        try FileManager.default.createDirectory(atPath: dir.file("audit"), withIntermediateDirectories: true)
        let input = try Self.fixture("AuditLogFuzzer", "seq-int-max.log")
        try writeFile(log.path, input)

        let error = vaultError { try log.append(actor: "alice", action: "segment.open", subject: "camera lobby", reason: "fuzz") }
        #expect(error == .auditLogCorrupt)
        #expect(error?.description.contains("sequence number 9223372036854775807, which no entry can follow") == true)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: log.path))) == input, "nothing was appended")
        let verification = try log.verify()
        #expect(verification.problem?.line == 1)
    }

    /// A tombstone shredded at Int64.min milliseconds (checksum intact) trapped when its
    /// time was formatted; the vault now refuses the record, naming it.
    @Test func aTombstoneWithATimeBeyondYear9999IsRefusedAsCorrupt() throws {
        let fixture = try VaultFixture()
        // The harness input is a selector byte (tombstone, checksum appended) and the JSON body.
        let body = Array(try Self.fixture("VaultRecordFuzzer", "tombstone-shredded-at-int64-min").dropFirst())
        let record = body + Array("\n# sha256 ".utf8) + Array(SHA256Digest(hashing: body).hex.utf8) + [0x0a]
        let path = fixture.layout.tombstone(camera: "lobby", epoch: EpochID(rawValue: "20261115T110000Z")!)
        try FileManager.default.createDirectory(atPath: DurableFiles.directory(of: path), withIntermediateDirectories: true)
        try writeFile(path, record)

        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordCorrupt)
        #expect(error?.description.contains("\(path) holds a time outside years 1–9999") == true)
    }

    /// Found by the fuzzer: a tombstone whose epoch ends before it starts, its raw deletion
    /// still pending (the key `raw_segments_deleted` mangled), trapped building the epoch's
    /// `start..<end` in the sweep that every `Vault.open` runs: no vault command could start.
    @Test func aTombstoneThatEndsBeforeItStartsIsRefusedAsCorrupt() throws {
        let fixture = try VaultFixture()
        let body = Array(try Self.fixture("VaultRecordFuzzer", "tombstone-ends-before-it-starts").dropFirst())
        let path = fixture.layout.tombstone(camera: "lobby", epoch: EpochID(rawValue: "20261115T110000Z")!)
        try FileManager.default.createDirectory(atPath: DurableFiles.directory(of: path), withIntermediateDirectories: true)
        try writeFile(path, body + Array("\n# sha256 ".utf8) + Array(SHA256Digest(hashing: body).hex.utf8) + [0x0a])

        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordCorrupt)
        #expect(error?.description.contains("tombstone \(path) has its times out of order") == true)
    }

    /// An officer record asking for scrypt with N = 2^20 and r = 32 (each within its own range,
    /// checksum intact) made an unlock allocate 4 GiB (libFuzzer: out-of-memory).
    @Test func anOfficerRecordAskingForGigabytesOfScryptIsRefused() throws {
        let fixture = try VaultFixture()
        let body = Array(try Self.fixture("VaultRecordFuzzer", "officer-scrypt-4gib").dropFirst())
        try writeFile(fixture.layout.officer("alice"), body + Array("\n# sha256 ".utf8) + Array(SHA256Digest(hashing: body).hex.utf8) + [0x0a])

        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordCorrupt)
        #expect(error?.description.contains("alice.officer is invalid (key derivation parameters)") == true)
        #expect(!ScryptParameters(logN: 20, r: 32, p: 1).isAcceptable)
        #expect(!ScryptParameters(logN: 17, r: 8, p: 16).isAcceptable, "2^24 blocks of work")
        #expect(ScryptParameters.standard.isAcceptable && ScryptParameters(logN: 18, r: 8, p: 1).isAcceptable)
    }

    @Test func timesOutsideYears1To9999AreFormattedWithoutTrapping() {
        #expect(Timestamps.format(Date(timeIntervalSince1970: -9_223_372_036_854_775.808)).hasPrefix("(out-of-range time"))
        #expect(Timestamps.format(Date(timeIntervalSince1970: 1e300)).hasPrefix("(out-of-range time"))
        #expect(Timestamps.format(Date(timeIntervalSince1970: 253_402_300_799.999)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamps.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")
    }
}
