import ArgumentParser
import VeilVault
import VeilStaff

/// `veil user passwd NAME`.
struct UserPasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a console user's password. Audited.")

    @Argument var name: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var password: PasswordOptions

    func run() async throws {
        try await AuditedAct.run("changing a console user's password", data: data, blocking: {
            try data.staffAccounts.changePassword(name: name, to: try password.read(for: name))
            try data.auditLog.append(actor: operatingSystemActor, action: "web.user.passwd", subject: "console user \(name)",
                                     reason: "password changed")
            print("changed the password of console user \(name)")
        })
    }
}
