import Foundation
import Testing
@testable import VeilVault
import VeilStaff
import VeilCore
import VeilTestSupport

/// The inputs of the sealed-format v1 golden files in `Tests/Fixtures/golden-v1/` and the
/// values any implementation of the primitives must get back from them. The files were made
/// once by `GoldenFileWriter` (see the README there); the constants below are what that run
/// produced, so a test that passes proves the code reads v1 files byte for byte.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden-v1").path
    /// A data directory: vault records, one sealed segment, the audit log, the export key, a console user.
    static var data: String { directory + "/data" }

    /// 2027-01-15T08:20:00Z, inside epoch 20270115T080000Z of cam1, which expires 2027-01-16T09:00:00Z.
    static let time = VaultFixture.start
    static let camera = "cam1"
    static let epoch = EpochID(rawValue: "20270115T080000Z")!
    static let officer = "alice"
    static let passphrase = "golden officer passphrase v1"
    static let segment = "raw/cam1/2027-01-15/082000.veilraw"
    /// 300 bytes: a text line, then bytes 37·i + 11.
    static let payload: [UInt8] = Array("veil golden segment v1\n".utf8) + (0..<277).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    /// Key wraps (`keywrap.json`) to a fixed recipient, one per info label.
    static let wrapRecipient: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
    static let wrappedSecret: [UInt8] = (0..<32).map { UInt8($0) ^ 0x5c }
    static let wrapAAD = Array("veil golden key wrap v1".utf8)

    /// The export signing key's seed (written as `vault/export-key/private.pem`) and a message it signed.
    static let exportSeed: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 71 &+ 13) }
    static let signedMessage = Array("veil golden export signature v1".utf8)

    static let staffUser = "carol"
    static let staffPassword = "golden console password v1"

    /// A fresh copy of the golden data directory (opening a vault writes to it: audit entries, the lock).
    static func copyOfData() throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory()
        try FileManager.default.removeItem(atPath: copy.path)
        try FileManager.default.copyItem(atPath: data, toPath: copy.path)
        return copy
    }
}

/// Writes the golden files. Run by hand, never as part of the suite:
///
///     VEIL_WRITE_GOLDEN=/tmp/golden swift test --skip-build --filter GoldenFileWriter
///
/// With `VEIL_GOLDEN_NOW=1` the files are dated now instead of `Golden.time`, so a `veil`
/// binary running on the real clock can open them before they expire (the reverse check:
/// files written by one implementation, opened by another).
@Suite struct GoldenFileWriter {
    static let output = ProcessInfo.processInfo.environment["VEIL_WRITE_GOLDEN"]

    @Test(.enabled(if: output != nil)) func write() throws {
        let root = try #require(Self.output)
        let now = ProcessInfo.processInfo.environment["VEIL_GOLDEN_NOW"] == "1" ? Date() : Golden.time
        let clock = ManualClock(now)
        let data = root + "/data"
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data), clock: clock)
        try vault.addOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase), actor: "golden-writer")
        let epoch = try vault.currentEpoch(camera: Golden.camera, at: now)
        let segment = data + "/" + Golden.segment
        let writer = try SealedSegmentWriter(path: segment, epoch: epoch, segmentStart: now)
        try writer.write(Golden.payload)
        try writer.finish()
        let officer = try vault.unlockOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase))
        #expect(try vault.openSegment(at: segment, officer: officer, reason: "golden files").readAll() == Golden.payload)
        let epochKey = try vault.openEpochKey(camera: Golden.camera, epoch: epoch.epoch, officer: officer, reason: "golden files")

        let recipient = X25519PrivateKey(rawRepresentation: secure(Golden.wrapRecipient))
        var wraps: [String: [String: String]] = [:]
        for (label, info) in [("segment", KeyWrap.segmentFileKeyInfo), ("epoch", KeyWrap.epochPrivateKeyInfo)] {
            let wrapped = try KeyWrap.wrap(secure(Golden.wrappedSecret), to: try recipient.publicKey(), info: info, aad: { _ in Golden.wrapAAD })
            wraps[label] = ["ephemeral": wrapped.ephemeral.rawRepresentation.hexString, "sealed": wrapped.sealed.hexString]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeFile(root + "/keywrap.json", Array(try encoder.encode(wraps)) + [0x0a])

        let exportKeys = ExportKeyStore(dataDirectory: data)
        try DurableFiles.createDirectories(exportKeys.directory)
        let pem = Ed25519DER.encodePEM(Ed25519DER.privatePrefix + Golden.exportSeed, label: "PRIVATE KEY")
        #expect(try DurableFiles.createExclusively(exportKeys.privateKeyPath, with: Array(pem.utf8)))
        let (signature, exportPublicKey) = try exportKeys.sign(Golden.signedMessage)

        let staff = StaffAccountStore(dataDirectory: data, parameters: .standard, now: { now })
        _ = try staff.add(name: Golden.staffUser, role: .exporter, password: Passphrase(Golden.staffPassword))
        let token = try staff.issueToken(name: Golden.staffUser).token

        let head = try #require(try vault.audit.verify().head)
        // The values the constants of `GoldenFileTests` hold.
        let values = [
            "officer public key": officer.publicKey.rawRepresentation.hexString,
            "officer private key": officer.key.withSecret { $0.array.hexString },
            "epoch public key": epoch.publicKey.rawRepresentation.hexString,
            "epoch private key": epochKey.key.withSecret { $0.array.hexString },
            "wrap recipient public key": try recipient.publicKey().rawRepresentation.hexString,
            "export public key": exportPublicKey.hex,
            "export signature": signature.hexString,
            "staff token": token,
            "audit head": head.hex,
        ]
        try writeFile(root + "/values.txt", Array(values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\n" }.joined().utf8))
        try? FileManager.default.removeItem(atPath: data + "/vault/.lock")
    }
}

extension [UInt8] {
    var hexString: String { Hex.encode(self) }
}
