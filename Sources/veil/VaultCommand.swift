import ArgumentParser

/// `veil vault open|bench`.
struct VaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault",
        abstract: "Work with sealed raw segments directly.",
        subcommands: [VaultOpenCommand.self, VaultBenchCommand.self]
    )
}
