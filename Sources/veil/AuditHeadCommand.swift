import ArgumentParser
import VeilVault

/// `veil audit head`.
struct AuditHeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the SHA-256 of the newest entry, to record (anchor) somewhere else."
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let result = try data.auditLog.verify()
        guard let head = result.head else { throw CommandFailure("the audit log \(data.auditLog.path) is empty; there is no head yet.") }
        if let problem = result.problem {
            throw CommandFailure("the audit log is broken at line \(problem.line) (\(problem.description)); not printing a head for a broken chain.")
        }
        print(head.hex)
    }
}
