import ArgumentParser
import VeilVault

/// `veil export-key`: prints this node's export public key (created if there is none yet).
struct ExportKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-key",
        abstract: "Print this node's export signing public key (PEM and SHA-256 fingerprint).",
        discussion: "Give it to whoever verifies exported clips elsewhere ('veil verify --public-key')."
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        do {
            let store = ExportKeyStore(dataDirectory: data.resolved)
            let key = try store.publicKey()
            print(key.pem, terminator: "")
            print("fingerprint (SHA-256 of the raw key): \(key.fingerprint)")
            print("raw public key: \(key.hex)")
            print("stored at: \(store.publicKeyPath)")
        } catch {
            throw reportFailure(error)
        }
    }
}
