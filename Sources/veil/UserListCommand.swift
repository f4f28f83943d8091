import ArgumentParser
import VeilVault
import VeilStaff

/// `veil user list`.
struct UserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the console users and their roles.")

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let accounts = try data.staffAccounts.list()
        if accounts.isEmpty { print("no console users; add one with `veil user add NAME --role viewer`") }
        for account in accounts {
            let tokens = account.tokenIDs.isEmpty ? "" : ", API tokens \(account.tokenIDs.joined(separator: " "))"
            print("\(account.name)  \(account.role.rawValue)  added \(Timestamps.format(account.createdAt))\(tokens)")
        }
    }
}
