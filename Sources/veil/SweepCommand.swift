import ArgumentParser
import Foundation
import VeilVault

/// `veil sweep [--as-of TIME]`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Shred every epoch key whose retention has expired and delete its raw footage.",
        discussion: "With --as-of, shred as if it were that time; it must be now or later (shred early, never late)."
    )

    @Option(help: "Treat this ISO 8601 time as now; must not be in the past.")
    var asOf: String?
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let asOfDate = try asOf.map { try parseTime($0, option: "--as-of") }
        if let asOfDate, asOfDate < Date() {
            throw CommandFailure("--as-of \(Timestamps.format(asOfDate)) is in the past; a sweep may shred earlier than expiry, never later.")
        }
        let vault = try data.openVault()
        let report = try vault.sweep(asOf: asOfDate)
        SweepOutput.print(report, heading: "sweep")
        let total = vault.startupSweep.shredded.count + report.shredded.count
        print("sweep as of \(Timestamps.format(report.asOf)): \(total) epoch key(s) shredded")
        if !report.failures.isEmpty || !vault.startupSweep.failures.isEmpty { throw ExitCode(2) }
    }
}
