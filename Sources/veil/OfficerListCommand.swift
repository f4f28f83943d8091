import ArgumentParser
import VeilVault

/// `veil officer list`: active officers, then removed ones marked `removed <time>`.
struct OfficerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List registered officers, removed ones marked with when they were removed.",
        discussion: "Removed officers are listed so their public keys can still be compared with the audit log.")

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let officers = try data.openVault().officers()
        if !officers.contains(where: \.isActive) { print("no active officers; add one with 'veil officer add NAME'") }
        for officer in officers.filter(\.isActive) + officers.filter({ !$0.isActive }) {
            let removed = officer.removal.map { "\tremoved \(Timestamps.format($0.at)) by \($0.by): \($0.reason)" } ?? ""
            print("\(officer.name)\t\(officer.publicKey.fingerprint)\tadded \(Timestamps.format(officer.createdAt))\(removed)")
        }
    }
}
