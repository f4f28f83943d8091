public import ArgumentParser
import Foundation
import VeilArchive
import VeilOccupancy
import VeilRecorder
import VeilExport

extension OccupancyReportFormat: ExpressibleByArgument {}

/// `veil occupancy [--camera C] [--zone Z] --from T --to T [--format table|csv|json]`: the
/// stored anonymous counts, read-only.
struct OccupancyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "occupancy",
        abstract: "Print the stored occupancy intervals (people per zone, entries and exits per line) of a time range.",
        discussion: """
            Reads <data-dir>/catalog.sqlite without changing it; safe while `veil record` runs. Figures below \
            occupancy.minimumCount were stored as "<N" and print so. Every interval overlapping the range is \
            listed. Times: \(ExportTime.accepted).
            """
    )

    @Option(help: "Only this camera.") var camera: String?
    @Option(help: "Only this zone, line or area.") var zone: String?
    @Option(parsing: .unconditional, help: "Start of the range (-1d and the like are times, not options).") var from: String
    @Option(parsing: .unconditional, help: "End of the range (exclusive).") var to: String
    @Option(help: "table, csv or json.") var format: OccupancyReportFormat = .table
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        let now = Date()
        let start = try ExportCommand.time(from, option: "--from", now: now)
        let end = try ExportCommand.time(to, option: "--to", now: now)
        guard end > start else { throw ValidationError("--to must be later than --from.") }
        do {
            let catalog = try Catalog(dataDirectory: data.resolved, readOnly: true)
            let records = try catalog.occupancy(camera: camera, name: zone, from: start, to: end)
            print(try OccupancyReport.render(records, as: format), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
