import ArgumentParser
import VeilVault

/// `veil officer remove NAME --reason TEXT`.
struct OfficerRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an officer: epochs created from now on are no longer wrapped to them.",
        discussion: """
            Epochs already wrapped to them stay openable by them until those epochs expire; the \
            command prints until when. Their record stays, marked removed, so their public key can \
            still be checked against the audit log. The last active officer cannot be removed: add \
            another one first. Audited.
            """
    )

    @Argument(help: "Officer name.")
    var name: String
    @Option(help: "Why the officer is removed (recorded in the audit log).") var reason: String
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        try await AuditedAct.run("removing an officer", data: data, blocking: {
            let until = try data.openVault().removeOfficer(name: name, reason: reason, actor: operatingSystemActor)
            print("removed officer \(name): new epochs are no longer wrapped to them")
            if let until {
                print("epochs already wrapped to \(name) stay openable by them until \(Timestamps.format(until)) (the latest expiry among them)")
            } else {
                print("no footage: no live epoch is wrapped to \(name)")
            }
        })
    }
}
