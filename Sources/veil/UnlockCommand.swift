import ArgumentParser
import Foundation
import VeilCluster
import VeilRecorder
import VeilVault
import VeilExport

/// `veil unlock --camera C --from T --to T --officer NAME --reason TEXT -o raw.mp4`: the
/// original footage for a privacy officer, within retention only, audited.
struct UnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Recover the raw footage of one camera and range for a privacy officer (passphrase; audited).",
        discussion: """
            Opens the sealed raw segments overlapping the range and remuxes every track by \
            stream copy into one MP4 (mode 0600), cut at keyframes: the whole GOPs overlapping \
            the range, and the other tracks over the same time. Refused if part of the range is \
            shredded or its file missing, unless --partial. Every unlock and refusal is written to the \
            audit log. Times: \(ExportTime.accepted).
            """
    )

    @Option(help: "Camera id.") var camera: String
    @Option(parsing: .unconditional, help: "Start of the range (-15m and the like are times, not options).") var from: String
    @Option(parsing: .unconditional, help: "End of the range (exclusive).") var to: String
    @Option(help: "Officer unlocking the footage.") var officer: String
    @Option(help: "Why the raw footage is opened (required; recorded in the audit log).") var reason: String = ""
    @Option(name: [.customShort("o"), .customLong("output")], help: "The MP4 to write.") var output: String
    @Flag(help: "Unlock what is left when part of the range is shredded or its file missing.") var partial = false
    @Flag(help: "Replace an existing output.") var force = false
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() async throws {
        let now = Date()
        let start = try ExportCommand.time(from, option: "--from", now: now)
        let end = try ExportCommand.time(to, option: "--to", now: now)
        let range = start..<max(start, end)
        try await AuditedAct.run("unlocking raw footage", data: data) { cluster in
            if let cluster {
                try cluster.requireFootageHere(try await cluster.database.rawFootageNodes(camera: camera, overlapping: range),
                                               "camera \(camera)'s raw footage of this range", run: "veil unlock")
            }
            try await AuditedAct.blocking { try unlock(range) }
        }
    }

    private func unlock(_ range: Range<Date>) throws {
        do {
            let vault = try data.openVault()
            let request = UnlockRequest(camera: camera, range: range, officer: officer, reason: reason,
                                        output: output, partial: partial, force: force)
            let bar = ProgressBar()
            let result = try RawUnlocker(vault: vault, dataDirectory: data.resolved, operatingSystemActor: operatingSystemActor)
                .unlock(request, passphrase: { try passphrase.read(for: officer) }) { done, total in
                    bar.update(done: done, total: total, unit: "segments")
                }
            bar.finish()
            for part in result.plan.shredded { print("shredded, not unlocked: \(part.description)") }
            for part in result.plan.missing { print("missing, not unlocked: \(part.description)") }
            print("unlocked \(output): \(result.plan.segments.count) raw segment(s), \(result.tracks) track(s), \(result.packets) packets from \(Timestamps.format(result.actualStart)) to \(Timestamps.format(result.actualEnd)) (whole GOPs), sha256 \(result.sha256); audited as officer \(officer)")
        } catch {
            throw reportFailure(error)
        }
    }
}
