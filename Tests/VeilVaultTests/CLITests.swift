import Foundation
import Testing
import VeilTestSupport
@testable import VeilVault
import VeilCore

/// The `veil` executable SwiftPM built next to the test bundle, if any.
let veilBinary: String? = VeilProcess.isBuilt ? VeilProcess.executable.path : nil

/// Runs the real `veil` binary.
@Suite(.enabled(if: veilBinary != nil, "the veil executable was not built next to the tests"))
struct CLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    final class Workspace {
        let dir = try! TemporaryDirectory()
        var data: String { dir.path + "/data" }

        init() throws {
            try writeFile(dir.file("alice.pass"), Array("alice's long passphrase\n".utf8))
            try writeFile(dir.file("bob.pass"), Array("bob's long passphrase\n".utf8))
            try writeFile(dir.file("wrong.pass"), Array("not the passphrase\n".utf8))
        }

        @discardableResult
        func veil(_ arguments: String...) throws -> Run {
            let outcome = try TestSupport.launch(veilBinary!, arguments + ["--data-dir", data])
            return Run(status: outcome.status, stdout: outcome.standardOutput, stderr: outcome.errors)
        }

        /// Seals `input` through the library into the raw tree, as the recorder will.
        func recordSegment(_ input: [UInt8]) throws -> String {
            let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data))
            let epoch = try vault.currentEpoch(camera: "cam1", at: Date())
            let path = data + "/raw/cam1/today/000001.veilraw"
            let writer = try SealedSegmentWriter(path: path, epoch: epoch, segmentStart: Date())
            try writer.write(input)
            try writer.finish()
            return path
        }
    }

    @Test func officersHoldsOpeningSweepingAndAuditEndToEnd() throws {
        let w = try Workspace()
        #expect(try w.veil("officer", "add", "alice", "--passphrase-file", w.dir.file("alice.pass")).status == 0)
        #expect(try w.veil("officer", "add", "bob", "--passphrase-file", w.dir.file("bob.pass")).status == 0)
        let list = try w.veil("officer", "list")
        #expect(list.stdout.contains("alice") && list.stdout.contains("bob"))

        let input = try SecureRandom.bytes(count: 150_000)
        let segment = try w.recordSegment(input)
        let backup = w.dir.file("backup.veilraw")
        try FileManager.default.copyItem(atPath: segment, toPath: backup)
        let wrong = try w.veil("vault", "open", segment, "--officer", "bob", "--reason", "incident 4", "-o", w.dir.file("x"), "--passphrase-file", w.dir.file("wrong.pass"))
        #expect(wrong.status != 0 && wrong.stderr.contains("wrong passphrase for officer 'bob'"))
        let opened = try w.veil("vault", "open", segment, "--officer", "bob", "--reason", "incident 4", "-o", w.dir.file("out.raw"), "--passphrase-file", w.dir.file("bob.pass"))
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try readFile(w.dir.file("out.raw")) == input)

        let epoch = try SealedSegmentHeader.read(from: segment).epoch.rawValue
        let holdEnd = Timestamps.format(Date() + 2 * 86_400)
        let hold = try w.veil("hold", "--camera", "cam1", "--epoch", epoch, "--until", holdEnd, "--officer", "alice", "--reason", "court order 12",
                              "--passphrase-file", w.dir.file("alice.pass"))
        #expect(hold.status == 0, "\(hold.stderr)")

        #expect(try w.veil("sweep", "--as-of", "2020-01-01T00:00:00Z").status != 0)
        #expect(!(try w.veil("sweep", "--as-of", Timestamps.format(Date() + 86_400 + 7200)).stdout.contains("shredded camera")), "the hold keeps it")
        let sweep = try w.veil("sweep", "--as-of", Timestamps.format(Date() + 3 * 86_400))
        #expect(sweep.stdout.contains("shredded camera cam1 epoch \(epoch)"), "\(sweep.stdout) \(sweep.stderr)")
        #expect(!FileManager.default.fileExists(atPath: segment))
        let late = try w.veil("vault", "open", backup, "--officer", "bob", "--reason", "again", "-o", w.dir.file("late.raw"), "--passphrase-file", w.dir.file("bob.pass"))
        #expect(late.status != 0 && late.stderr.contains("shredded"))

        let show = try w.veil("audit", "show")
        for action in ["officer.add", "officer.unlock-failed", "segment.open", "epoch.hold", "epoch.shred", "raw.delete"] {
            #expect(show.stdout.contains(action), "audit lacks \(action)")
        }
        let head = try w.veil("audit", "head").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.count == 64)
        #expect(try w.veil("audit", "verify", "--anchor", head).status == 0)
    }

    @Test func auditVerifyReportsTheFirstBrokenLink() throws {
        let w = try Workspace()
        for name in ["a1", "a2", "a3"] { try w.veil("officer", "add", name, "--passphrase-file", w.dir.file("alice.pass")) }
        let log = w.data + "/audit/audit.log"
        var lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "officer a1", with: "officer zz")
        try writeFile(log, Array((lines.joined(separator: "\n") + "\n").utf8))
        let verify = try w.veil("audit", "verify")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("BROKEN at line 2"))
    }

    @Test func aTamperedKeyRecordStopsEveryVaultCommandNamingTheFile() throws {
        let w = try Workspace()
        try w.veil("officer", "add", "alice", "--passphrase-file", w.dir.file("alice.pass"))
        let path = w.data + "/vault/officers/alice.officer"
        var bytes = try readFile(path)
        bytes[40] ^= 0x01
        try writeFile(path, bytes)
        let run = try w.veil("officer", "list")
        #expect(run.status != 0 && run.stderr.contains(path))
    }
}
