import ArgumentParser
import Foundation
import VeilArchive
import VeilVault

/// `veil status`: what the archive holds per camera, from the catalog (read-only).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise the cameras, storage used and oldest/newest footage in the archive.",
        discussion: """
            Reads <data-dir>/catalog.sqlite without changing it; safe while `veil record` runs.
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let directory = data.resolved
        do {
            let catalog = try Catalog(dataDirectory: directory, readOnly: true)
            print(StatusReport.lines(for: try catalog.summary(), catalog: catalog.path).joined(separator: "\n"))
            if FileManager.default.fileExists(atPath: directory + "/vault") {
                // Opening the vault sweeps first, so what is listed here is really still openable.
                let epochs = try data.openVault().liveEpochs()
                for camera in Set(epochs.map(\.camera)).sorted() {
                    let next = epochs.first { $0.camera == camera }!
                    print("camera \(camera): raw footage until \(Timestamps.format(next.endsAt)) of epoch \(next.epoch) "
                          + "is shredded at \(Timestamps.format(next.expiresAt)) (next shred)")
                }
            }
        } catch {
            throw reportFailure(error)
        }
    }
}

/// The text of `veil status`.
enum StatusReport {
    static func lines(for cameras: [CameraSummary], catalog: String) -> [String] {
        var lines = ["catalog \(catalog)"]
        if cameras.isEmpty { lines.append("no segments recorded yet") }
        var totals: [SegmentKind: Int64] = [:]
        for camera in cameras {
            lines.append("camera \(camera.camera)")
            for kind in [SegmentKind.redacted, .raw] {
                let summary = camera[kind]
                totals[kind, default: 0] += summary.bytes
                lines.append("  " + kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + describe(summary))
            }
            lines.append("  gaps     \(camera.gapCount)")
        }
        lines.append("total    redacted \(bytes(totals[.redacted] ?? 0)), raw \(bytes(totals[.raw] ?? 0))")
        return lines
    }

    private static func describe(_ summary: KindSummary) -> String {
        var text = "\(summary.segmentCount) segments, \(bytes(summary.bytes))"
        if let footage = summary.footage { text += ", \(time(footage.oldest)) … \(time(footage.newest))" }
        if summary.missingCount > 0 { text += ", \(summary.missingCount) missing" }
        if summary.shreddedCount > 0 { text += ", \(summary.shreddedCount) shredded" }
        return text
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
