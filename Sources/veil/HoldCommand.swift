import ArgumentParser
import VeilVault

/// `veil hold --camera C --epoch E --until TIME --officer NAME --reason TEXT`.
struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Place a legal hold: keep one epoch's raw footage until a later time (bounded).",
        discussion: "Needs the officer's passphrase. Audited."
    )

    @Option(help: "Camera id.") var camera: String
    @Option(help: "Epoch id, e.g. 20261129T080000Z.") var epoch: String
    @Option(help: "ISO 8601 time the hold ends.") var until: String
    @Option(help: "Officer placing the hold.") var officer: String
    @Option(help: "Why the footage must be kept (recorded in the audit log).") var reason: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        guard let epochID = EpochID(rawValue: epoch) else {
            throw ValidationError("--epoch '\(epoch)' is not an epoch id; they look like 20261129T080000Z.")
        }
        let end = try parseTime(until, option: "--until")
        let vault = try data.openVault()
        let key = try vault.unlockOfficer(name: officer, passphrase: try passphrase.read(for: officer))
        let held = try vault.placeHold(camera: camera, epoch: epochID, until: end, officer: key, reason: reason)
        print("camera \(camera) epoch \(epochID) now expires at \(Timestamps.format(held.expiresAt))")
    }
}
