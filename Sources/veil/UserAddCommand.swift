public import ArgumentParser
import VeilStaff
import VeilVault

extension StaffRole: ExpressibleByArgument {}

/// `veil user add NAME --role viewer|exporter|admin`.
struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a console user. Audited.")

    @Argument(help: "User name (letters, digits, '.', '_', '-').")
    var name: String
    @Option(help: "viewer: live and recorded redacted video; exporter: that and exports; admin: that and the status page.")
    var role: StaffRole
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var password: PasswordOptions

    func run() async throws {
        try await AuditedAct.run("adding a console user", data: data, blocking: {
            let account = try data.staffAccounts.add(name: name, role: role, password: try password.read(for: name))
            try data.auditLog.append(actor: operatingSystemActor, action: "web.user.add", subject: "console user \(account.name)",
                                     reason: "role \(account.role.rawValue)")
            print("added console user \(account.name) (\(account.role.rawValue))")
        })
    }
}
