import ArgumentParser
import VeilMedia

@main
struct Veil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veil",
        abstract: "On-premises video privacy redaction.",
        subcommands: [
            RedactCommand.self, ConfigCommand.self, StatusCommand.self,
            OfficerCommand.self, SweepCommand.self, HoldCommand.self, AuditCommand.self, VaultCommand.self,
        ]
    )

    static func main() {
        MediaLibrary.silenceLibraryLogs()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
