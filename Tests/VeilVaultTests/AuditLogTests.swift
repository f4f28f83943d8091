import Foundation
import Testing
@testable import VeilVault
import VeilTestSupport

@Suite struct AuditLogTests {
    /// Keeps the directory alive as long as the log is used.
    final class LogFixture {
        let dir: TemporaryDirectory
        let log: AuditLog

        init(entries: Int) throws {
            dir = try TemporaryDirectory()
            log = AuditLog(path: dir.file("audit/audit.log"), clock: ManualClock(VaultFixture.start))
            for i in 1...entries { try log.append(actor: "alice", action: "test.act", subject: "thing \(i)", reason: "because \(i)") }
        }
    }

    func makeLog(entries: Int = 5) throws -> LogFixture { try LogFixture(entries: entries) }

    func lines(_ log: AuditLog) throws -> [String] {
        try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func rewrite(_ log: AuditLog, _ lines: [String]) throws {
        try writeFile(log.path, Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    @Test func entriesChainAndCarryEveryField() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        let entries = try log.entries()
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[0].prev == AuditEntry.genesis)
        #expect(entries[1].prev == SHA256Digest(hashing: Array(try lines(log)[0].utf8)).hex)
        #expect(entries[2].actor == "alice" && entries[2].action == "test.act" && entries[2].subject == "thing 3" && entries[2].reason == "because 3")
        #expect(entries[0].time == "2027-01-15T08:20:00Z")
        let result = try log.verify()
        #expect(result.isIntact && result.entryCount == 5)
        #expect(result.head == SHA256Digest(hashing: Array(try lines(log)[4].utf8)))
    }

    @Test func anEditedEntryBreaksTheNextLink() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        var text = try lines(log)
        text[1] = text[1].replacingOccurrences(of: "because 2", with: "because 9")
        try rewrite(log, text)
        #expect(try log.verify().problem?.line == 3)
    }

    @Test func aDeletedEntryIsFound() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        var text = try lines(log)
        text.remove(at: 2)
        try rewrite(log, text)
        let problem = try log.verify().problem
        #expect(problem?.line == 3)
        #expect(problem?.description.contains("deleted") == true)
        try rewrite(log, Array(try lines(log).dropFirst()))
        #expect(try log.verify().problem?.line == 1)
    }

    @Test func reorderedEntriesAreFound() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        var text = try lines(log)
        text.swapAt(1, 2)
        try rewrite(log, text)
        #expect(try log.verify().problem?.line == 2)
    }

    @Test func anInsertedEntryIsFoundEvenWithAPlausibleChain() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        var text = try lines(log)
        // A forger chains a new entry to line 2 correctly; line 3 then no longer follows it.
        let forged = AuditEntry(seq: 3, time: "2027-01-15T10:00:00Z", actor: "mallory", action: "x", subject: "y", reason: "z",
                                prev: SHA256Digest(hashing: Array(text[1].utf8)).hex)
        text.insert(String(decoding: try forged.encodedLine(), as: UTF8.self), at: 2)
        try rewrite(log, text)
        #expect(try log.verify().problem?.line == 4)
    }

    @Test func anAnchoredHeadCatchesEditsToTheLastEntryAndTruncation() throws {
        let fixture = try makeLog()
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        let anchor = try log.verify().head!
        try log.append(actor: "bob", action: "later", subject: "s", reason: "r")
        #expect(try log.verify(anchoredHead: anchor).isIntact)
        var text = try lines(log)
        text[5] = text[5].replacingOccurrences(of: "\"bob\"", with: "\"eve\"")
        try rewrite(log, text)
        #expect(try log.verify().isIntact, "the newest entry has no successor to break")
        try rewrite(log, Array(text.prefix(3)))
        #expect(try log.verify(anchoredHead: anchor).problem != nil)
    }

    @Test func appendingRefusesAnUnreadableLastEntry() throws {
        let fixture = try makeLog(entries: 2)
        let log = fixture.log
        defer { withExtendedLifetime(fixture) {} }
        var bytes = try readFile(log.path)
        bytes.removeLast(5)
        try writeFile(log.path, bytes)
        #expect(vaultError { try log.append(actor: "a", action: "b", subject: "c", reason: "d") } == .auditLogCorrupt)
    }
}
