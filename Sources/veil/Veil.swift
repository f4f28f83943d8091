import ArgumentParser

@main
struct Veil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veil",
        abstract: "On-premises video privacy redaction.",
        subcommands: [OfficerCommand.self, SweepCommand.self, HoldCommand.self, AuditCommand.self, VaultCommand.self]
    )
}
