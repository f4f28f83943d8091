import Testing
@testable import VeilVault

/// Destroying key material overwrites it before the memory is freed. Meaningful in a
/// release build too (`swift test -c release --filter ZeroisationTests`): the hook runs the
/// same cleanse as `deinit`, and `explicit_bzero` cannot be optimised away.
@Suite struct ZeroisationTests {
    @Test func secureBytesAreZeroedOnDestroy() throws {
        let bytes = SecureBytes(copying: [UInt8](repeating: 0xa5, count: 4096))
        var seen: [UInt8] = []
        bytes.destroyForTesting { seen = Array($0) }
        #expect(seen.count >= 4096)
        #expect(seen.allSatisfy { $0 == 0 })
    }

    @Test func privateKeysAreZeroedOnDestroy() throws {
        let key = try X25519PrivateKey.generate()
        var before: [UInt8] = []
        key.withSecret { before = $0.array }
        #expect(before.contains { $0 != 0 })
        var seen: [UInt8] = []
        key.destroyForTesting { seen = Array($0) }
        #expect(seen.count == 32 && seen.allSatisfy { $0 == 0 })
    }

    @Test func epochPrivateKeysAreZeroedOnDestroy() throws {
        let fixture = try VaultFixture()
        let vault = try fixture.open()
        let epoch = try vault.currentEpoch(camera: "cam1", at: fixture.clock.now())
        let alice = try vault.unlockOfficer(name: "alice", passphrase: Passphrase(VaultFixture.alicePassphrase))
        let key = try vault.openEpochKey(camera: "cam1", epoch: epoch.epoch, officer: alice, reason: "zeroisation test")
        var seen: [UInt8] = []
        key.destroyForTesting { seen = Array($0) }
        #expect(seen.count == 32 && seen.allSatisfy { $0 == 0 })
    }
}
