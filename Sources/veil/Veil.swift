import ArgumentParser
import VeilMedia

@main
struct Veil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veil",
        abstract: "On-premises video privacy redaction.",
        subcommands: [
            RedactCommand.self, RecordCommand.self, ConfigCommand.self, StatusCommand.self, DoctorCommand.self,
            OfficerCommand.self, SweepCommand.self, HoldCommand.self, AuditCommand.self, VaultCommand.self,
            ExportCommand.self, VerifyCommand.self, ExportKeyCommand.self, UnlockCommand.self, BenchCommand.self,
            UserCommand.self, WebCommand.self, OccupancyCommand.self, ClusterCommand.self,
        ]
    )

    static func main() async {
        MediaLibrary.silenceLibraryLogs()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
