import ArgumentParser

/// `veil officer add|list|remove|passwd`.
struct OfficerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer",
        abstract: "Manage the privacy officers who can open raw footage.",
        subcommands: [OfficerAddCommand.self, OfficerListCommand.self, OfficerRemoveCommand.self, OfficerPasswdCommand.self]
    )
}
