import ArgumentParser
import VeilConfig
import VeilWeb

/// `veil web fingerprint`.
struct WebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "The staff console.", subcommands: [WebFingerprintCommand.self])
}

/// Prints the SHA-256 fingerprint of the console's certificate, for staff to compare with the
/// one their browser shows on first connection.
struct WebFingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print the SHA-256 fingerprint of the console's TLS certificate (making the self-signed one if it does not exist yet).")

    @Option(help: "The YAML configuration (see veil.example.yaml).")
    var config: String

    func run() throws {
        let configuration = try VeilConfiguration.load(path: config)
        guard let web = configuration.web else {
            throw CommandFailure("\(config) has no web: section, so no console is served")
        }
        guard let fingerprint = try WebConsole.certificateFingerprint(settings: web, dataDirectory: configuration.dataDirectory) else {
            throw CommandFailure("web.tls is not set in \(config): the console serves plain HTTP on loopback and has no certificate")
        }
        print("SHA256 Fingerprint=\(fingerprint)")
    }
}
