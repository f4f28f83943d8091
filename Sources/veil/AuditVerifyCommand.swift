import ArgumentParser
import VeilVault

/// `veil audit verify [--anchor HASH]`.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain; report the first edited, deleted, reordered or inserted entry.",
        discussion: "Exit status 0 when intact, 1 when broken. Pass a head recorded earlier with --anchor to also catch edits to the newest entries and truncation."
    )

    @Option(help: "A head hash recorded earlier with 'veil audit head'.") var anchor: String?
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let anchored = try anchor.map { text in
            guard let digest = SHA256Digest(hex: text) else { throw ValidationError("--anchor must be 64 hexadecimal digits.") }
            return digest
        }
        let log = data.auditLog
        let result = try log.verify(anchoredHead: anchored)
        if let problem = result.problem {
            print("audit log \(log.path) is BROKEN at line \(problem.line): \(problem.description)")
            print("\(result.entryCount) entries before it chain correctly.")
            throw ExitCode(1)
        }
        print("audit log \(log.path) is intact: \(result.entryCount) entries, head \(result.head?.hex ?? "(empty)")")
    }
}
