import ArgumentParser
import VeilVault
import VeilStaff

/// `veil user remove NAME`.
struct UserRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a console user and their API tokens; their sessions end at their next request. Audited.")

    @Argument var name: String
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        try await AuditedAct.run("removing a console user", data: data, blocking: {
            try data.staffAccounts.remove(name: name)
            try data.auditLog.append(actor: operatingSystemActor, action: "web.user.remove", subject: "console user \(name)", reason: "removed")
            print("removed console user \(name)")
        })
    }
}
