import ArgumentParser
import VeilVault
import VeilStaff

/// `veil user token NAME`.
struct UserTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue an API token for scripts (Authorization: Bearer TOKEN), with the user's role. Audited.",
        discussion: "The token is printed once and only its SHA-256 is kept. Remove the user to revoke their tokens."
    )

    @Argument var name: String
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        try await AuditedAct.run("issuing an API token", data: data, blocking: {
            let (token, id) = try data.staffAccounts.issueToken(name: name)
            try data.auditLog.append(actor: operatingSystemActor, action: "web.user.token", subject: "console user \(name)",
                                     reason: "API token \(id) issued")
            print(token)
        })
    }
}
