import Foundation
import Testing
import VeilStaff
import VeilTestSupport
import VeilVault

/// The console's user store: scrypt-hashed passwords, hashed API tokens, and records that
/// refuse to load when edited by hand.
@Suite struct StaffAccountStoreTests {
    let directory: TemporaryDirectory
    let store: StaffAccountStore

    init() throws {
        directory = try TemporaryDirectory()
        store = StaffAccountStore(dataDirectory: directory.path, parameters: .testingOnly)
    }

    @Test func theRightPasswordLogsInAndAWrongOneDoesNot() throws {
        _ = try store.add(name: "desk", role: .viewer, password: Passphrase("front-desk-password"))
        #expect(try store.authenticate(name: "desk", password: Passphrase("front-desk-password"))?.role == .viewer)
        #expect(try store.authenticate(name: "desk", password: Passphrase("front-desk-passworD")) == nil)
        #expect(try store.authenticate(name: "nobody", password: Passphrase("front-desk-password")) == nil)
        #expect(try store.authenticate(name: "../desk", password: Passphrase("front-desk-password")) == nil)
        let record = try String(contentsOfFile: store.directory + "/desk.user", encoding: .utf8)
        #expect(!record.contains("front-desk-password"))
        #expect(record.contains("\"algorithm\" : \"scrypt\""))
    }

    @Test func aRemovedUserCannotLogInNorUseTheirToken() throws {
        _ = try store.add(name: "temp", role: .exporter, password: Passphrase("temporary-password"))
        let (token, id) = try store.issueToken(name: "temp")
        #expect(try store.authenticate(token: token)?.name == "temp")
        #expect(try store.account("temp")?.tokenIDs == [id])
        #expect(try store.authenticate(token: token + "x") == nil)
        try store.remove(name: "temp")
        #expect(try store.authenticate(name: "temp", password: Passphrase("temporary-password")) == nil)
        #expect(try store.authenticate(token: token) == nil)
        #expect(throws: VaultError.unknownUser) { try store.remove(name: "temp") }
    }

    @Test func aTamperedRecordIsRefused() throws {
        _ = try store.add(name: "desk", role: .viewer, password: Passphrase("front-desk-password"))
        let path = store.directory + "/desk.user"
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"viewer\"", with: "\"admin\"")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: VaultError.keyRecordTampered) { try store.list() }
        #expect(throws: VaultError.keyRecordTampered) { try store.authenticate(name: "desk", password: Passphrase("front-desk-password")) }
    }

    @Test func shortPasswordsAndDuplicateNamesAreRefused() throws {
        #expect(throws: VaultError.invalidArgument) { try store.add(name: "a", role: .viewer, password: Passphrase("short")) }
        _ = try store.add(name: "a", role: .viewer, password: Passphrase("long-enough-password"))
        #expect(throws: VaultError.userExists) { try store.add(name: "a", role: .admin, password: Passphrase("long-enough-password")) }
        try store.changePassword(name: "a", to: Passphrase("another-long-password"))
        #expect(try store.authenticate(name: "a", password: Passphrase("long-enough-password")) == nil)
        #expect(try store.authenticate(name: "a", password: Passphrase("another-long-password")) != nil)
    }
}
