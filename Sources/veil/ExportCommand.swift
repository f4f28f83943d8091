import ArgumentParser
import Foundation
import VeilCluster
import VeilRecorder
import VeilVault
import VeilExport

/// `veil export --camera C --from T --to T -o clip.mp4`: a redacted clip for staff, audited.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a redacted clip of one camera and time range (stream copy, signed manifest beside it).",
        discussion: """
            Cuts at keyframes: the clip holds every whole GOP overlapping the range. With \
            --exact, the GOPs at both ends are cut to the range and only they are re-encoded \
            (refused, with the reason, when the footage's encoder settings cannot be reproduced). Writes \
            <output>.manifest.json, signed with this node's export key ('veil export-key'). \
            Times: \(ExportTime.accepted). Audited as the operating-system user.
            """
    )

    @Option(help: "Camera id.") var camera: String
    @Option(parsing: .unconditional, help: "Start of the range (-15m and the like are times, not options).") var from: String
    @Option(parsing: .unconditional, help: "End of the range (exclusive).") var to: String
    @Option(name: [.customShort("o"), .customLong("output")], help: "The MP4 to write.") var output: String
    @Flag(help: "Replace an existing output and its manifest.") var force = false
    @Flag(help: "Cut exactly at --from and --to: re-encode only the partial GOPs at both ends.") var exact = false
    @Option(help: "Why the clip is exported (audit log; default 'staff export').") var reason = "staff export"
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let now = Date()
        let start = try Self.time(from, option: "--from", now: now)
        let end = try Self.time(to, option: "--to", now: now)
        try await AuditedAct.run("exporting a clip", data: data) { cluster in
            if let cluster {
                let holders = try await cluster.database.redactedFootageNodes(camera: camera, overlapping: start..<max(start, end))
                try cluster.requireFootageHere(holders, "camera \(camera)'s footage of this range", run: "veil export")
            }
            try await AuditedAct.blocking { try export(from: start, to: end) }
        }
    }

    private func export(from start: Date, to end: Date) throws {
        do {
            let began = Date()
            let vault = try data.openVault()
            let bar = ProgressBar()
            let result = try ClipExporter(dataDirectory: data.resolved).export(
                camera: camera, from: start, to: end, output: output, force: force, exact: exact) { done, total in
                bar.update(done: done, total: total, unit: "segments")
            }
            bar.finish()
            do {
                try vault.audit.append(
                    actor: operatingSystemActor, action: "export",
                    subject: "camera=\(camera) from=\(Timestamps.format(start)) to=\(Timestamps.format(end)) sha256=\(result.manifest.output.sha256)",
                    reason: reason)
            } catch {
                // No clip leaves without its audit entry.
                unlink(result.output)
                unlink(result.manifestPath)
                throw CommandFailure("the export could not be written to the audit log (\(error)), so \(output) was removed. Check the log with 'veil audit verify' and export again.")
            }
            for gap in result.plan.gaps { print("gap: \(gap.description)") }
            let seconds = result.actualEnd.timeIntervalSince(result.actualStart)
            let reencoded = exact ? " (\(result.reencodedFrames) of \(result.frames) frames re-encoded at the ends)" : ""
            print(String(format: "exported %@: %d segment(s), %.1f s of video (%@ – %@)%@, %d gap(s), %lld bytes, in %.2f s; manifest %@",
                         output, result.plan.segments.count, seconds, Timestamps.format(result.actualStart),
                         Timestamps.format(result.actualEnd), reencoded, result.plan.gaps.count, result.bytes,
                         Date().timeIntervalSince(began), result.manifestPath))
        } catch {
            throw reportFailure(error)
        }
    }

    static func time(_ text: String, option: String, now: Date) throws -> Date {
        guard let date = ExportTime.parse(text, now: now) else {
            throw ValidationError("\(option) '\(text)' is not a time; write \(ExportTime.accepted).")
        }
        return date
    }
}
