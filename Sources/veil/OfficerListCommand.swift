import ArgumentParser
import VeilVault

/// `veil officer list`.
struct OfficerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered officers.")

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let officers = try data.openVault().officers()
        if officers.isEmpty { print("no officers registered; add one with 'veil officer add NAME'") }
        for officer in officers {
            print("\(officer.name)\t\(officer.publicKey.fingerprint)\tadded \(Timestamps.format(officer.createdAt))")
        }
    }
}
