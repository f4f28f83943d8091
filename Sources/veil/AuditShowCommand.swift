import ArgumentParser
import VeilVault

/// `veil audit show [--last N]`.
struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print audit entries, oldest first.")

    @Option(help: "Only the newest N entries.") var last: Int?
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        var entries = try data.auditLog.entries()
        if let last { entries = Array(entries.suffix(max(0, last))) }
        for entry in entries {
            print("\(entry.seq)\t\(entry.time)\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.reason)")
        }
    }
}
