import ArgumentParser
import Foundation
import VeilVault

/// `--data-dir`, shared by every vault command.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Veil data directory (default: $VEIL_DATA_DIR, else /var/lib/veil).")
    var dataDirectory: String?

    var resolved: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["VEIL_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/lib/veil"
    }

    /// Defaults until the YAML configuration exists.
    var configuration: VaultConfiguration { VaultConfiguration(dataDirectory: resolved) }

    /// Opens the vault; this runs the retention sweep first and prints what it shredded.
    func openVault() throws -> Vault {
        let vault = try Vault.open(configuration: configuration)
        SweepOutput.print(vault.startupSweep, heading: "start-up sweep")
        return vault
    }
}

/// A failure at run time (not a malformed argument), printed without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Parses an ISO 8601 time given on the command line.
func parseTime(_ text: String, option: String) throws -> Date {
    guard let date = Timestamps.parse(text) else {
        throw ValidationError("\(option) '\(text)' is not an ISO 8601 time; write it like 2026-11-29T08:00:00Z.")
    }
    return date
}

/// The operating-system user running the CLI, for audit entries not made by an officer.
var operatingSystemActor: String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return "os-user:" + String(cString: name) }
    return "os-user:uid-\(geteuid())"
}

enum SweepOutput {
    static func print(_ report: SweepReport, heading: String) {
        for shred in report.shredded {
            let raw = shred.rawSegmentsDeleted.map { "\($0) raw segment(s) deleted" } ?? "raw deletion pending"
            Swift.print("\(heading): shredded camera \(shred.camera) epoch \(shred.epoch) (expired \(Timestamps.format(shred.expiresAt))); \(raw)")
        }
        for shred in report.completedDeletions {
            Swift.print("\(heading): deleted \(shred.rawSegmentsDeleted ?? 0) raw segment(s) of earlier-shredded camera \(shred.camera) epoch \(shred.epoch)")
        }
        for failure in report.failures {
            FileHandle.standardError.write(Data("\(heading): problem: \(failure)\n".utf8))
        }
    }
}
