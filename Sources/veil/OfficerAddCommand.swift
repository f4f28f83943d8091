import ArgumentParser
import VeilVault

/// `veil officer add NAME`.
struct OfficerAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register an officer: new key pair, private half encrypted under their passphrase.",
        discussion: "The officer can open epochs created from now on, not earlier ones. Audited."
    )

    @Argument(help: "Officer name (letters, digits, '.', '_', '-').")
    var name: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() async throws {
        try await AuditedAct.run("adding an officer", data: data, blocking: {
            let vault = try data.openVault()
            let officer = try vault.addOfficer(name: name, passphrase: try passphrase.read(for: name, confirm: true), actor: operatingSystemActor)
            print("added officer \(officer.name) (public key \(officer.publicKey.fingerprint))")
        })
    }
}
