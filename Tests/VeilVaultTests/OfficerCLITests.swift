import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport

/// `veil officer remove|passwd|list` through the real binary, against a real vault.
@Suite(.enabled(if: veilBinary != nil, "the veil executable was not built next to the tests"))
struct OfficerCLITests {
    @Test func removePasswdAndListEndToEnd() throws {
        let w = try CLITests.Workspace()
        try writeFile(w.dir.file("new.pass"), Array("alice's brand new passphrase\n".utf8))
        #expect(try w.veil("officer", "add", "alice", "--passphrase-file", w.dir.file("alice.pass")).status == 0)
        #expect(try w.veil("officer", "add", "bob", "--passphrase-file", w.dir.file("bob.pass")).status == 0)
        let segment = try w.recordSegment([1, 2, 3, 4])
        let expiry = try Vault.open(configuration: VaultConfiguration(dataDirectory: w.data)).liveEpochs()[0].expiresAt

        let unknown = try w.veil("officer", "remove", "carol", "--reason", "typo")
        #expect(unknown.status != 0 && unknown.stderr.contains("no officer named 'carol'"), "\(unknown.stderr)")
        let remove = try w.veil("officer", "remove", "bob", "--reason", "left the library")
        #expect(remove.status == 0, "\(remove.stderr)")
        #expect(remove.stdout.contains("until \(Timestamps.format(expiry))"), "\(remove.stdout)")
        let last = try w.veil("officer", "remove", "alice", "--reason", "left too")
        #expect(last.status != 0 && last.stderr.contains("only active officer") && last.stderr.contains("veil officer add"), "\(last.stderr)")
        #expect(last.stderr.split(separator: "\n").count == 1, "one clear error: \(last.stderr)")

        let list = try w.veil("officer", "list").stdout.split(separator: "\n")
        #expect(list.count == 2 && list[0].hasPrefix("alice\t") && !list[0].contains("removed"))
        #expect(list[1].hasPrefix("bob\t") && list[1].contains("removed ") && list[1].contains("left the library"))

        let wrongOld = try w.veil("officer", "passwd", "alice", "--passphrase-file", w.dir.file("wrong.pass"), "--new-passphrase-file", w.dir.file("new.pass"))
        #expect(wrongOld.status != 0 && wrongOld.stderr.contains("wrong passphrase for officer 'alice'"))
        let passwd = try w.veil("officer", "passwd", "alice", "--passphrase-file", w.dir.file("alice.pass"), "--new-passphrase-file", w.dir.file("new.pass"))
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let old = try w.veil("vault", "open", segment, "--officer", "alice", "--reason", "r", "-o", w.dir.file("x"), "--passphrase-file", w.dir.file("alice.pass"))
        #expect(old.status != 0 && old.stderr.contains("wrong passphrase"))
        let new = try w.veil("vault", "open", segment, "--officer", "alice", "--reason", "r", "-o", w.dir.file("a.raw"), "--passphrase-file", w.dir.file("new.pass"))
        #expect(new.status == 0, "\(new.stderr)")
        let removed = try w.veil("vault", "open", segment, "--officer", "bob", "--reason", "r", "-o", w.dir.file("b.raw"), "--passphrase-file", w.dir.file("bob.pass"))
        #expect(removed.status == 0, "an epoch wrapped before removal stays openable: \(removed.stderr)")
        #expect(try readFile(w.dir.file("b.raw")) == [1, 2, 3, 4])

        let show = try w.veil("audit", "show").stdout
        for action in ["officer.remove", "officer.passwd", "officer.unlock-failed"] { #expect(show.contains(action), "audit lacks \(action)") }
        #expect(!show.contains("brand new passphrase"))
        #expect(try w.veil("audit", "verify").status == 0)
    }
}
