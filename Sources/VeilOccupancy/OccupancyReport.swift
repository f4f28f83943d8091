import Foundation
public import VeilCore

/// How `veil occupancy` prints stored intervals.
public enum OccupancyReportFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// RFC 4180 with a header row, for spreadsheets.
    case csv
    /// An array of ``OccupancyRecord`` encodings: `{camera, zone|line|area, start, end,
    /// meanPeople, maxPeople, entries, exits}`.
    case json
}

/// Renders stored occupancy rows. A coarsened figure reads "<3" in every format; a figure
/// that does not apply (a line's people, a zone's crossings) is empty (null in JSON).
public enum OccupancyReport {
    static let header = ["camera", "kind", "name", "start", "end", "meanPeople", "maxPeople", "entries", "exits"]

    public static func render(_ records: [OccupancyRecord], as format: OccupancyReportFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
        case .csv:
            return ([header] + records.map(cells)).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        case .table:
            guard !records.isEmpty else { return "no occupancy intervals in this range\n" }
            let rows = [header] + records.map(cells)
            let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n") + "\n"
        }
    }

    private static func cells(_ record: OccupancyRecord) -> [String] {
        [record.camera ?? "", record.subject.kind, record.subject.name, OccupancyRecord.timestamp(record.start),
         OccupancyRecord.timestamp(record.end)]
            + [record.meanPeople, record.maxPeople, record.entries, record.exits].map { $0?.description ?? "" }
    }

    private static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
