import ArgumentParser
import VeilVault

/// `veil officer passwd NAME`.
struct OfficerPasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change an officer's passphrase: their private key is re-encrypted under the new one.",
        discussion: """
            The old passphrase is required; a wrong one changes nothing and is audited. The key pair \
            stays the same, so every epoch the officer could open stays openable, with the new \
            passphrase only. The record is replaced atomically. Audited (no secret is logged).
            """
    )

    @Argument(help: "Officer name.")
    var name: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var newPassphrase: NewPassphraseOptions

    func run() async throws {
        try await AuditedAct.run("changing an officer's passphrase", data: data, blocking: {
            let vault = try data.openVault()
            let old = try passphrase.read(for: name)
            let new = try newPassphrase.read(for: name)
            try vault.changeOfficerPassphrase(name: name, old: old, new: new, actor: operatingSystemActor)
            print("changed the passphrase of officer \(name); the old one no longer opens their key")
        })
    }
}
