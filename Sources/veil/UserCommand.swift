import ArgumentParser
import VeilVault
import VeilStaff

/// `veil user add|remove|passwd|list|token`: the staff console's users.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the staff console's users (viewer, exporter, admin).",
        discussion: "Users see redacted video only; raw footage stays with the officers. Every change is audited.",
        subcommands: [UserAddCommand.self, UserRemoveCommand.self, UserPasswdCommand.self, UserListCommand.self,
                      UserTokenCommand.self]
    )
}

extension DataDirectoryOptions {
    var staffAccounts: StaffAccountStore { StaffAccountStore(dataDirectory: resolved) }
}

/// `--password-file`, or a prompt on the terminal (asked twice when setting one).
struct PasswordOptions: ParsableArguments {
    @Option(help: "Read the password from this file (first line) instead of prompting on the terminal.")
    var passwordFile: String?

    func read(for user: String) throws -> Passphrase {
        try PassphraseSource.read(file: passwordFile, prompt: "Password for console user \(user): ", confirm: true)
    }
}
