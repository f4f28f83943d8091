import Foundation
import Testing
@testable import VeilVault
import VeilCore

@Suite struct KeyStoreTests {
    @Test func sealWithOneOfficerOpenWithAnother() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let input = try SecureRandom.bytes(count: 200_000)
        let path = try fixture.record(input, vault: vault)
        #expect(try fixture.openSegment(path, officer: "alice", vault: vault) == input)
        #expect(try fixture.openSegment(path, officer: "bob", vault: vault) == input)
    }

    @Test func officersAreListedWithTheirPublicKeys() throws {
        let fixture = try VaultFixture()
        let officers = try fixture.open().officers()
        #expect(officers.map(\.name) == ["alice", "bob"])
        #expect(officers[0].publicKey != officers[1].publicKey)
    }

    @Test func theSealingSideCannotOpen() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now())
        let record = try String(contentsOfFile: fixture.layout.epochKey(camera: "cam1", epoch: epoch.epoch), encoding: .utf8)
        #expect(record.contains("wrapped_keys") && record.contains("\"alice\"") && record.contains("\"bob\""))
        // The record holds only the public key and wraps; a new call returns the same public key.
        #expect(try vault.currentEpoch(camera: "cam1", at: fixture.clock.now() + 60) == epoch)
    }

    @Test func wrongPassphraseIsRefusedAndAudited() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let error = vaultError { _ = try vault.unlockOfficer(name: "alice", passphrase: Passphrase("not alice's passphrase")) }
        #expect(error == .wrongPassphrase)
        #expect(error?.description.contains("'alice'") == true)
        #expect(try vault.audit.entries().last?.action == "officer.unlock-failed")
    }

    @Test func unknownOfficerIsNamed() throws {
        let fixture = try VaultFixture()
        let error = vaultError { _ = try fixture.open().unlockOfficer(name: "carol", passphrase: Passphrase("whatever passphrase")) }
        #expect(error == .unknownOfficer)
        #expect(error?.description.contains("'carol'") == true && error?.description.contains("alice, bob") == true)
    }

    @Test func addingRejectsDuplicatesShortPassphrasesAndBadNames() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        #expect(vaultError { try vault.addOfficer(name: "alice", passphrase: Passphrase("another long passphrase"), actor: "t") } == .officerExists)
        #expect(vaultError { try vault.addOfficer(name: "carol", passphrase: Passphrase("short"), actor: "t") } == .invalidArgument)
        #expect(vaultError { try vault.addOfficer(name: "../evil", passphrase: Passphrase("a long passphrase here"), actor: "t") } == .invalidArgument)
    }

    @Test func noEpochWithoutOfficers() throws {
        let fixture = try VaultFixture(officers: false)
        #expect(vaultError { _ = try fixture.open().currentEpoch(camera: "cam1", at: fixture.clock.now()) } == .noOfficers)
    }

    @Test func anOfficerAddedLaterCannotOpenOlderEpochs() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([1, 2, 3], vault: vault)
        try vault.addOfficer(name: "carol", passphrase: Passphrase("carol's passphrase!"), actor: "t")
        let carol = try vault.unlockOfficer(name: "carol", passphrase: Passphrase("carol's passphrase!"))
        #expect(vaultError { _ = try vault.openSegment(at: path, officer: carol, reason: "t") } == .notWrappedForOfficer)
    }

    @Test func missingKeyRecordIsNamed() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([1, 2, 3], vault: vault)
        let header = try SealedSegmentHeader.read(from: path)
        try FileManager.default.removeItem(atPath: fixture.layout.epochKey(camera: "cam1", epoch: header.epoch))
        let error = vaultError { _ = try fixture.openSegment(path, vault: vault) }
        #expect(error == .keyRecordMissing)
        #expect(error?.description.contains(header.epoch.rawValue) == true)
    }

    @Test func tamperedRecordsStopTheVaultNamingTheFile() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now())
        let path = fixture.layout.epochKey(camera: "cam1", epoch: epoch.epoch)
        let original = try readFile(path)
        // Extend the expiry by hand: the checksum no longer matches.
        let text = String(decoding: original, as: UTF8.self)
        let edited = text.replacingOccurrences(of: "\"expires_at\" : \(Canonical.milliseconds(epoch.expiresAt))",
                                               with: "\"expires_at\" : \(Canonical.milliseconds(epoch.expiresAt) + 86_400_000)")
        #expect(edited != text)
        try writeFile(path, Array(edited.utf8))
        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordTampered)
        #expect(error?.description.contains(path) == true)
        // Garbage is "corrupt", also naming the file.
        try writeFile(path, Array("{not json".utf8))
        let corrupt = vaultError { _ = try fixture.open() }
        #expect(corrupt == .keyRecordCorrupt)
        #expect(corrupt?.description.contains(path) == true)
        try writeFile(path, original)
        #expect(throws: Never.self) { _ = try fixture.open() }
    }

    @Test func aRecomputedChecksumStillCannotForgeAWrap() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let path = try fixture.record([9, 9, 9], vault: vault)
        let epoch = try SealedSegmentHeader.read(from: path).epoch
        let recordPath = fixture.layout.epochKey(camera: "cam1", epoch: epoch)
        var record = try RecordFile.read(EpochKeyRecord.self, at: recordPath, what: "test")
        var sealed = Hex.decode(record.wrappedKeys[0].sealed)!
        sealed[5] ^= 1
        record.wrappedKeys[0].sealed = Hex.encode(sealed)
        try writeFile(recordPath, try RecordFile.encode(record))
        #expect(vaultError { _ = try fixture.openSegment(path, officer: "alice", vault: vault) } == .keyRecordTampered)
        #expect(try fixture.openSegment(path, officer: "bob", vault: vault) == [9, 9, 9])
    }

    @Test func tamperedOfficerRecordIsRefused() throws {
        let fixture = try VaultFixture()
        let path = fixture.layout.officer("bob")
        var bytes = try readFile(path)
        bytes[bytes.count / 2] ^= 0x20
        try writeFile(path, bytes)
        let error = vaultError { _ = try fixture.open() }
        #expect(error == .keyRecordTampered || error == .keyRecordCorrupt)
        #expect(error?.description.contains(path) == true)
    }
}
