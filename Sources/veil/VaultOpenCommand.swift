import ArgumentParser
import Foundation
import VeilVault

/// `veil vault open SEGMENT --officer NAME --reason TEXT -o OUT`.
struct VaultOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Decrypt one sealed raw segment within retention (officer passphrase; audited).",
        discussion: "OUT receives the plaintext (mode 0600) only if every chunk authenticates."
    )

    @Argument(help: "A sealed .veilraw segment.") var segment: String
    @Option(help: "Officer opening the segment.") var officer: String
    @Option(help: "Why the raw footage is opened (recorded in the audit log).") var reason: String
    @Option(name: .shortAndLong, help: "Output file for the plaintext; must not exist.") var output: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() async throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must say why the footage is opened.") }
        guard !FileManager.default.fileExists(atPath: output) else { throw CommandFailure("\(output) exists; choose a new output file.") }
        guard FileManager.default.fileExists(atPath: segment) else { throw CommandFailure("segment \(segment) does not exist; check the path (shredded segments are deleted).") }
        try await AuditedAct.run("opening a raw segment", data: data, blocking: {
            let vault = try data.openVault()
            let key = try vault.unlockOfficer(name: officer, passphrase: try passphrase.read(for: officer))
            let reader = try vault.openSegment(at: segment, officer: key, reason: reason)
            key.destroy()
            let bytes = try reader.decrypt(to: output)
            print("opened \(segment) (camera \(reader.header.camera), epoch \(reader.header.epoch)): \(bytes) bytes written to \(output)")
        })
    }
}
