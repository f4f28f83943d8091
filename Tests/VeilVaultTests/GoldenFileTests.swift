import Foundation
import Testing
@testable import VeilVault
import VeilStaff
import VeilCore
import VeilTestSupport

/// Opens every golden file of sealed format v1 (`Tests/Fixtures/golden-v1/`, written by the
/// OpenSSL implementation) and checks the exact values inside: whatever computes the
/// primitives must read v1 files byte for byte, and sign exactly as before.
@Suite struct GoldenFileTests {
    /// What the writer printed to `values.txt` when it made the files.
    enum Expected {
        static let officerPublicKey = "6f39cb6007868a08a58e9fd5afaaaa3b0b89055e8ed82e32c9b091e24efb7b24"
        static let officerPrivateKey = "670f3ca1e1d67ea8434d9a281933b2569e2bfa9cdaacfd1ab0a91333cc4cbebb"
        static let epochPublicKey = "9f49c0496e91e9b284d0f6c5baf9ecd828cf102b56918f6869ced2bc97068067"
        static let epochPrivateKey = "fba19c34f0e9f79e320929435ef44df0c9c1071316eb289772327b3c5bc7d592"
        static let wrapRecipientPublicKey = "c84634faff7992c25b52e8bdcfbcbacabc58b7f6682fa85460747f6efd2c7e50"
        static let exportPublicKey = "18c7ec865fc4ad52864a3e8ef32da87d4b91228315b4b3a284259a9c74371aac"
        static let exportSignature = "c3c8fcd776e364114fffc9602294dab977d9288a1db54c714e485a0a280b76ed346547528011aac4a6f816c357b70277faa2d0080bc2b35e85cbed200e489c0d"
        static let staffToken = "veil_d9bc97ca7d26d755740f88a53ea6deb4c7fdddca7841a845072010da17c79cb4"
        static let auditHead = "584fd9a63eb0f4694a5587501c9a25d43c096dcf13ac73feaa2988b433762ae4"
        static let auditEntries = 4
        /// Fingerprints (first 8 bytes of the key's SHA-256) as the audit log recorded them.
        static let officerFingerprint = "30058a34444fa9fa"
        static let epochFingerprint = "41cdd94af958ecaf"
    }

    let data: TemporaryDirectory
    let clock = ManualClock(Golden.time)

    init() throws { data = try Golden.copyOfData() }

    func openVault() throws -> Vault {
        try Vault.open(configuration: VaultConfiguration(dataDirectory: data.path), clock: clock)
    }

    @Test func officerRecordUnlocksToTheSamePrivateKey() throws {
        let vault = try openVault()
        #expect(vault.startupSweep.shredded.isEmpty)
        let officer = try vault.unlockOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase))
        #expect(Hex.encode(officer.publicKey.rawRepresentation) == Expected.officerPublicKey)
        #expect(officer.key.withSecret { Hex.encode($0.array) } == Expected.officerPrivateKey)
        #expect(try Hex.encode(officer.key.publicKey().rawRepresentation) == Expected.officerPublicKey)
        #expect(officer.publicKey.fingerprint == Expected.officerFingerprint)
        let wrong = vaultError { _ = try vault.unlockOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase + "!")) }
        #expect(wrong == .wrongPassphrase)
    }

    @Test func epochKeyRecordUnwrapsToTheSamePrivateKey() throws {
        let vault = try openVault()
        let officer = try vault.unlockOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase))
        let epoch = try vault.epoch(camera: Golden.camera, epoch: Golden.epoch)
        #expect(Hex.encode(epoch.publicKey.rawRepresentation) == Expected.epochPublicKey)
        #expect(epoch.publicKey.fingerprint == Expected.epochFingerprint)
        #expect(epoch.expiresAt == Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 3600) + 3600 + 86_400))
        let key = try vault.openEpochKey(camera: Golden.camera, epoch: Golden.epoch, officer: officer, reason: "golden test")
        #expect(key.key.withSecret { Hex.encode($0.array) } == Expected.epochPrivateKey)
    }

    @Test func sealedSegmentOpensToThePayload() throws {
        let vault = try openVault()
        let path = data.path + "/" + Golden.segment
        let header = try SealedSegmentHeader.read(from: path)
        #expect(header.camera == Golden.camera && header.epoch == Golden.epoch && header.segmentStart == Golden.time)
        #expect(Hex.encode(header.epochPublicKey.rawRepresentation) == Expected.epochPublicKey)
        let officer = try vault.unlockOfficer(name: Golden.officer, passphrase: Passphrase(Golden.passphrase))
        let reader = try vault.openSegment(at: path, officer: officer, reason: "golden test")
        #expect(reader.chunkCount == 1)
        #expect(try reader.readAll() == Golden.payload)
        #expect(try readFile(path).count == header.encoded.count + Golden.payload.count + 16)
    }

    @Test func keyWrapsUnwrapToTheSecret() throws {
        let wraps = try JSONDecoder().decode([String: [String: String]].self, from: Data(readFile(Golden.directory + "/keywrap.json")))
        let recipient = X25519PrivateKey(rawRepresentation: secure(Golden.wrapRecipient))
        #expect(try Hex.encode(recipient.publicKey().rawRepresentation) == Expected.wrapRecipientPublicKey)
        for (label, info) in [("segment", KeyWrap.segmentFileKeyInfo), ("epoch", KeyWrap.epochPrivateKeyInfo)] {
            let wrap = try #require(wraps[label])
            let ephemeralHex = try #require(wrap["ephemeral"])
            let ephemeral = try #require(X25519PublicKey(rawRepresentation: hex(ephemeralHex)))
            let sealed = hex(try #require(wrap["sealed"]))
            let secret = try KeyWrap.unwrap(sealed, ephemeral: ephemeral, with: recipient, info: info, aad: Golden.wrapAAD)
            #expect(secret?.array == Golden.wrappedSecret, "wrap '\(label)'")
            let otherInfo = info == KeyWrap.segmentFileKeyInfo ? KeyWrap.epochPrivateKeyInfo : KeyWrap.segmentFileKeyInfo
            #expect(try KeyWrap.unwrap(sealed, ephemeral: ephemeral, with: recipient, info: otherInfo, aad: Golden.wrapAAD) == nil)
        }
    }

    @Test func auditLogChainVerifiesToTheSameHead() throws {
        let log = AuditLog(path: data.path + "/audit/audit.log", clock: clock)
        let verification = try log.verify()
        #expect(verification.isIntact)
        #expect(verification.entryCount == Expected.auditEntries)
        #expect(verification.head?.hex == Expected.auditHead)
        #expect(try log.verify(anchoredHead: SHA256Digest(hex: Expected.auditHead)).isIntact)
        #expect(try log.entries().map(\.action) == ["officer.add", "epoch.create", "segment.open", "epoch.open"])
        // An entry appended now chains onto the golden head.
        let appended = try log.append(actor: "test", action: "epoch.hold", subject: "golden", reason: "chain onto v1 lines")
        #expect(appended.prev == Expected.auditHead && appended.seq == Expected.auditEntries + 1)
        #expect(try log.verify(anchoredHead: SHA256Digest(hex: Expected.auditHead)).isIntact)
    }

    @Test func exportKeySignsWithTheSameBytes() throws {
        let store = ExportKeyStore(dataDirectory: data.path)
        let publicKey = try #require(try store.existingPublicKey())
        #expect(publicKey.hex == Expected.exportPublicKey)
        #expect(Ed25519PublicKey(pem: try String(contentsOfFile: store.publicKeyPath, encoding: .utf8)) == publicKey)
        let (signature, signer) = try store.sign(Golden.signedMessage)
        #expect(signer == publicKey)
        #expect(Hex.encode(signature) == Expected.exportSignature, "Ed25519 is deterministic: the same key and message give the same signature")
        #expect(publicKey.isValidSignature(hex(Expected.exportSignature), for: Golden.signedMessage))
        #expect(!publicKey.isValidSignature(hex(Expected.exportSignature), for: Golden.signedMessage + [0]))
    }

    @Test func staffAccountAcceptsItsPasswordAndToken() throws {
        let store = StaffAccountStore(dataDirectory: data.path, now: { Golden.time })
        #expect(try store.authenticate(name: Golden.staffUser, password: Passphrase(Golden.staffPassword))?.role == .exporter)
        #expect(try store.authenticate(name: Golden.staffUser, password: Passphrase(Golden.staffPassword + "!")) == nil)
        #expect(try store.authenticate(token: Expected.staffToken)?.name == Golden.staffUser)
        #expect(try store.authenticate(token: Expected.staffToken + "0") == nil)
    }
}
