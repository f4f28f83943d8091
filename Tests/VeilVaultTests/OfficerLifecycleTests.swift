import Foundation
import Testing
@testable import VeilVault

/// `veil officer remove` and `veil officer passwd` at the vault level: real records, real
/// crypto, real audit log, a manual clock.
@Suite struct OfficerLifecycleTests {
    static let epochExpiry = Timestamps.parse("2027-01-16T09:00:00Z")!

    @Test func aNewEpochIsNotWrappedToARemovedOfficer() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let before = try fixture.record([1, 2, 3], vault: vault)
        try vault.removeOfficer(name: "bob", reason: "left the library", actor: "test")
        fixture.clock.advance(3600)
        let after = try fixture.record([4, 5, 6], vault: vault)
        #expect(try fixture.wrappedOfficers(segment: before) == ["alice", "bob"])
        #expect(try fixture.wrappedOfficers(segment: after) == ["alice"])
        #expect(vaultError { _ = try fixture.openSegment(after, officer: "bob", vault: vault) } == .notWrappedForOfficer)
        #expect(try fixture.openSegment(after, officer: "alice", vault: vault) == [4, 5, 6])
    }

    @Test func anOlderEpochOpensForTheRemovedOfficerUntilItExpiresAndNotAfter() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let first = try fixture.record([1, 2, 3], vault: vault)
        fixture.clock.advance(3600)
        let second = try fixture.record([7, 8, 9], vault: vault)
        let until = try vault.removeOfficer(name: "bob", reason: "left the library", actor: "test")
        #expect(until == Self.epochExpiry + 3600, "the latest expiry among epochs wrapped to bob")
        #expect(try fixture.openSegment(first, officer: "bob", vault: vault) == [1, 2, 3])
        fixture.clock.set(Self.epochExpiry - 1)
        #expect(try fixture.openSegment(first, officer: "bob", vault: vault) == [1, 2, 3])
        fixture.clock.set(Self.epochExpiry)
        #expect(vaultError { _ = try fixture.openSegment(first, officer: "bob", vault: vault) } == .epochExpired)
        #expect(try fixture.openSegment(second, officer: "bob", vault: vault) == [7, 8, 9])
    }

    @Test func removingAnOfficerWithNoLiveFootageSaysSo() throws {
        let fixture = try VaultFixture()
        #expect(try fixture.open().removeOfficer(name: "bob", reason: "never recorded", actor: "test") == nil)
    }

    @Test func theRecordStaysMarkedRemovedAndTheVaultStillOpens() throws {
        let fixture = try VaultFixture()
        let added = try fixture.open().officers().first { $0.name == "bob" }!
        fixture.clock.advance(90)
        try fixture.open().removeOfficer(name: "bob", reason: "left the library", actor: "os-user:admin")
        let bob = try #require(try fixture.open().officers().first { $0.name == "bob" })
        #expect(bob.publicKey == added.publicKey)
        #expect(bob.removal == OfficerRemoval(at: VaultFixture.start + 90, by: "os-user:admin", reason: "left the library"))
        #expect(try fixture.open().officers().filter(\.isActive).map(\.name) == ["alice"])
        #expect(vaultError { _ = try fixture.open().removeOfficer(name: "bob", reason: "again", actor: "t") } == .officerRemoved)
    }

    @Test func theLastActiveOfficerCannotBeRemoved() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        try vault.removeOfficer(name: "bob", reason: "left", actor: "test")
        let record = try readFile(fixture.layout.officer("alice"))
        let error = vaultError { _ = try vault.removeOfficer(name: "alice", reason: "left too", actor: "test") }
        #expect(error == .lastOfficer)
        #expect(error?.description.contains("veil officer add") == true && error?.description.contains("'alice'") == true)
        #expect(try readFile(fixture.layout.officer("alice")) == record, "nothing changed")
        #expect(try vault.audit.entries().filter { $0.action == "officer.remove" }.map(\.subject) == ["officer bob"])
        #expect(try vault.currentEpoch(camera: "cam1", at: fixture.clock.now()).camera == "cam1", "recording still works")
    }

    @Test func removingAnUnknownOfficerIsOneClearError() throws {
        let fixture = try VaultFixture()
        let error = vaultError { _ = try fixture.open().removeOfficer(name: "carol", reason: "typo", actor: "test") }
        #expect(error == .unknownOfficer)
        #expect(error?.description.contains("'carol'") == true && error?.description.contains("alice, bob") == true)
        #expect(vaultError { _ = try fixture.open().removeOfficer(name: "bob", reason: "  ", actor: "test") } == .invalidArgument)
    }

    @Test func aRemovedOfficerCannotExtendTheirAccessWithAHold() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let segment = try fixture.record([1], vault: vault)
        let epoch = try SealedSegmentHeader.read(from: segment).epoch
        try vault.removeOfficer(name: "bob", reason: "left", actor: "test")
        let bob = try vault.unlockOfficer(name: "bob", passphrase: Passphrase(VaultFixture.bobPassphrase))
        let error = vaultError { _ = try vault.placeHold(camera: "cam1", epoch: epoch, until: Self.epochExpiry + 86_400, officer: bob, reason: "mine") }
        #expect(error == .officerRemoved)
        #expect(try vault.epoch(camera: "cam1", epoch: epoch).expiresAt == Self.epochExpiry)
    }

    @Test func passwdReplacesTheOldPassphraseAndKeepsTheKey() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let segment = try fixture.record([1, 2, 3], vault: vault)
        let newPassphrase = "a brand new alice passphrase"
        try vault.changeOfficerPassphrase(name: "alice", old: Passphrase(VaultFixture.alicePassphrase), new: Passphrase(newPassphrase), actor: "test")
        #expect(vaultError { _ = try vault.unlockOfficer(name: "alice", passphrase: Passphrase(VaultFixture.alicePassphrase)) } == .wrongPassphrase)
        let alice = try vault.unlockOfficer(name: "alice", passphrase: Passphrase(newPassphrase))
        #expect(try vault.openSegment(at: segment, officer: alice, reason: "after passwd").readAll() == [1, 2, 3])
        let text = try String(contentsOfFile: fixture.layout.officer("alice"), encoding: .utf8)
        #expect(!text.contains(newPassphrase) && !text.contains(VaultFixture.alicePassphrase))
        #expect(try DurableFiles.list(fixture.layout.officers) == ["alice.officer", "bob.officer"], "no temporary file left")
    }

    @Test func passwdWithAWrongOldPassphraseChangesNothing() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let record = try readFile(fixture.layout.officer("alice"))
        let error = vaultError {
            try vault.changeOfficerPassphrase(name: "alice", old: Passphrase("not alice's passphrase"), new: Passphrase("a brand new alice passphrase"), actor: "test")
        }
        #expect(error == .wrongPassphrase)
        #expect(try readFile(fixture.layout.officer("alice")) == record)
        #expect(try vault.audit.entries().last?.action == "officer.unlock-failed")
        #expect(vaultError {
            try vault.changeOfficerPassphrase(name: "alice", old: Passphrase(VaultFixture.alicePassphrase), new: Passphrase("short"), actor: "test")
        } == .invalidArgument)
        #expect(try readFile(fixture.layout.officer("alice")) == record)
        _ = try vault.unlockOfficer(name: "alice", passphrase: Passphrase(VaultFixture.alicePassphrase))
    }

    @Test func everyActIsAuditedWithoutSecretsAndTheChainHolds() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        _ = try fixture.record([1], vault: vault)
        let newPassphrase = "a brand new alice passphrase"
        try vault.changeOfficerPassphrase(name: "alice", old: Passphrase(VaultFixture.alicePassphrase), new: Passphrase(newPassphrase), actor: "os-user:admin")
        try vault.removeOfficer(name: "bob", reason: "left the library in March", actor: "os-user:admin")
        let entries = try vault.audit.entries()
        let remove = try #require(entries.first { $0.action == "officer.remove" })
        #expect(remove.subject == "officer bob" && remove.actor == "os-user:admin")
        #expect(remove.reason.contains("left the library in March") && remove.reason.contains("2027-01-16T09:00:00"))
        let passwd = try #require(entries.first { $0.action == "officer.passwd" })
        #expect(passwd.subject == "officer alice" && passwd.actor == "os-user:admin")
        let log = try String(contentsOfFile: vault.audit.path, encoding: .utf8)
        #expect(!log.contains(newPassphrase) && !log.contains(VaultFixture.alicePassphrase))
        #expect(try vault.audit.verify().isIntact)
    }
}
