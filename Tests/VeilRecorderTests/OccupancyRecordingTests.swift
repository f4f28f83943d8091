import Foundation
import Testing
import VeilArchive
import VeilConfig
import VeilOccupancy
@testable import VeilRecorder
import VeilCore

/// The bundled sample recorded as a file camera with a line across the path and a zone over
/// the right half, compared with the hand count committed beside the fixtures; then what the
/// recording left behind is searched for anything about any one person.
@Suite(.serialized) struct OccupancyRecordingTests {
    static let interval = 5.0

    @Test func countsMatchTheHandCountAndNothingPersonalIsKept() throws {
        let recording = try OccupancyRecording.shared()
        let count = try HandCount.load()
        let origin = try #require(recording.origin, "the first redacted segment starts when frame 0 arrived")
        let rows = recording.rows
        // Under overload the redaction branch drops whole GOPs (counted, never shown unmasked):
        // those frames were never counted, so there is nothing to compare with the hand count.
        guard recording.droppedPackets == 0 else {
            print("occupancy accuracy not checked: \(recording.droppedPackets) packets dropped under load")
            return
        }

        let lines = rows.filter { $0.subject == .line("path") }, zones = rows.filter { $0.subject == .zone("right") }
        #expect(lines.count >= 3 && zones.count == lines.count, "15 s of footage in 5 s intervals: \(rows)")
        for row in lines {
            let window = HandCount.window(row, origin: origin)
            let expected = count.crossings.filter { window.contains($0.seconds) }
            let entries = expected.filter { $0.crossing == "entry" }.count, exits = expected.count - entries
            #expect(abs(row.entries.exactCount - entries) <= 1, "entries \(row.entries.map { "\($0)" } ?? "-") in \(window), hand count \(entries)")
            #expect(abs(row.exits.exactCount - exits) <= 1, "exits \(row.exits.map { "\($0)" } ?? "-") in \(window), hand count \(exits)")
        }
        for row in zones {
            let window = HandCount.window(row, origin: origin)
            // Nobody counts before three person-detector runs (frames 0, 5 and 10: 0.4 s) have confirmed them.
            let samples = count.people.filter { window.contains($0.seconds) && $0.seconds >= 0.4 }
            guard let low = samples.map(\.low).max(), let high = samples.map(\.high).max() else { continue }
            #expect((low - 1...high + 1).contains(row.maxPeople.exactCount),
                    "max people \(row.maxPeople.map { "\($0)" } ?? "-") in \(window), hand count \(low)–\(high)")
        }
        let entries = lines.reduce(0) { $0 + $1.entries.exactCount }, exits = lines.reduce(0) { $0 + $1.exits.exactCount }
        #expect(abs(entries - count.crossings.filter { $0.crossing == "entry" }.count) <= 1, "entries over the clip: \(entries)")
        #expect(abs(exits - count.crossings.filter { $0.crossing == "exit" }.count) <= 1, "exits over the clip: \(exits)")
        print("occupancy on the sample (\(recording.droppedPackets) packets dropped under load): \(entries) entries, \(exits) exits; per interval \(rows.map { "\($0.subject.name) \($0.start.timeIntervalSince(origin)): max \($0.maxPeople.map { "\($0)" } ?? "-") in \($0.entries.map { "\($0)" } ?? "-") out \($0.exits.map { "\($0)" } ?? "-")" })")
    }

    @Test func theCatalogHoldsNoPerPersonRecord() throws {
        let recording = try OccupancyRecording.shared()
        let catalog = try recording.harness.catalog
        // Schema: no table or column that could hold a track, a position or a finer time.
        for (table, columns) in try catalog.tableColumns() {
            for column in columns + [table] {
                let name = column.lowercased()
                for forbidden in ["track", "person", "box", "position", "coord", "foot", "seen", "frame", "pixel"] {
                    #expect(!name.contains(forbidden), "\(table).\(column) looks like a per-person field")
                }
            }
        }
        #expect(Set(try catalog.tableColumns().keys) == ["segments", "gaps", "occupancy", "cluster_leases", "cluster_queue",
                                                             "cluster_occupancy_queue"])
        // Every stored interval is a whole interval, and no exact figure is below the minimum.
        for row in recording.rows {
            #expect(row.start.timeIntervalSince1970.truncatingRemainder(dividingBy: Self.interval) == 0)
            #expect(row.end.timeIntervalSince(row.start) == Self.interval)
            for figure in [row.meanPeople, row.maxPeople, row.entries, row.exits].compactMap({ $0 }) {
                if case .value(let value) = figure { #expect(value >= Double(OccupancyRecording.minimumCount)) }
            }
        }
    }

    @Test func noFileOrLogLineHoldsAPerPersonRecord() throws {
        let recording = try OccupancyRecording.shared()
        // Only the kinds of file a recording without occupancy leaves: nothing new was written.
        for file in recording.harness.files() {
            let relative = String(file.dropFirst(recording.harness.dataDirectory.count + 1))
            let known = ["catalog.sqlite", ".veil-reserve", "audit/", "vault/", "raw/", "redacted/"].contains { relative.hasPrefix($0) }
            #expect(known, "unexpected file \(relative)")
            #expect(!relative.lowercased().contains("track") && !relative.lowercased().contains("occupancy"))
        }
        // The catalog's bytes (with its WAL) hold the zone and line names only in the occupancy rows.
        let catalogBytes = try recording.harness.files().filter { $0.contains("catalog.sqlite") }
            .map { try String(decoding: Data(contentsOf: URL(fileURLWithPath: $0)), as: UTF8.self) }.joined()
        #expect(!catalogBytes.contains("track"))
        // The log speaks of capacity (the zone's capacity is 2, the sample has more) and of
        // nothing per person: no track, box, coordinate or count below the minimum.
        let log = recording.log.text
        #expect(log.contains("occupancy over capacity"))
        for line in log.split(separator: "\n") where line.contains("occupancy") {
            let keys = line.split(separator: " ").filter { $0.contains("=") }.map { String($0.prefix { $0 != "=" }) }
            #expect(Set(keys).isSubset(of: ["camera", "zone", "capacity", "count", "error"]), "\(line)")
        }
        for word in ["track", "box", "foot", "position"] { #expect(!log.lowercased().contains(word), "log mentions \(word)") }
        // Live figures are exact, and reach the metrics.
        let exposition = recording.exposition
        #expect(exposition.contains("veil_occupancy_people{camera=\"walk\",zone=\"right\"} "))
        #expect(exposition.contains("veil_occupancy_entries_total{camera=\"walk\",line=\"path\"} "))
        #expect(exposition.contains("veil_occupancy_exits_total{camera=\"walk\",line=\"path\"} "))
        #expect(exposition.contains("veil_occupancy_over_capacity{camera=\"walk\",zone=\"right\"} "))
        #expect(exposition.contains("veil_occupancy_area_people{area=\"beyond\"} "))
        #expect(!exposition.contains("track"))
    }

    @Test func buildingAreasAreStoredWithoutACamera() throws {
        let recording = try OccupancyRecording.shared()
        let beyond = recording.rows.filter { $0.subject == .area("beyond") }
        let watched = recording.rows.filter { $0.subject == .area("watched") }
        #expect(!beyond.isEmpty && !watched.isEmpty)
        #expect((beyond + watched).allSatisfy { $0.camera == nil })
        // The door balance has entries and exits and a number of people; a zone area only people.
        #expect(beyond.allSatisfy { $0.entries != nil && $0.maxPeople != nil })
        #expect(watched.allSatisfy { $0.entries == nil && $0.maxPeople != nil })
        // The area's crossings are its line's, interval by interval.
        let path = recording.rows.filter { $0.subject == .line("path") }
        #expect(beyond.map(\.start) == path.map(\.start))
        for (area, line) in zip(beyond, path) {
            #expect(area.entries == line.entries && area.exits == line.exits, "at \(area.start): area \(area), line \(line)")
        }
    }

    @Test(.enabled(if: ExportCLITests.available)) func veilOccupancyPrintsEveryFormat() throws {
        let recording = try OccupancyRecording.shared()
        let base = ["occupancy", "--from", "-1h", "--to", "now", "--data-dir", recording.harness.dataDirectory]
        let cli = ExportCLITests()
        let json = try cli.veil(base + ["--format", "json"])
        #expect(json.status == 0, "\(json.errors)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(decoded.count == recording.rows.count)
        #expect(decoded.contains { $0["area"] as? String == "beyond" && $0["camera"] == nil })
        let line = try #require(decoded.first { $0["line"] as? String == "path" })
        #expect(Set(line.keys) == ["camera", "line", "start", "end", "meanPeople", "maxPeople", "entries", "exits"])
        #expect(line["camera"] as? String == "walk" && line["meanPeople"] is NSNull)
        let encoded = String(decoding: try JSONEncoder().encode(recording.rows), as: UTF8.self)
        #expect(encoded.contains("\"<1\"") == json.output.contains("\"<1\""), "a coarsened figure is the string \"<N\"")

        let csv = try cli.veil(base + ["--format", "csv", "--zone", "path"])
        let csvLines = csv.output.split(separator: "\r\n")
        #expect(csvLines.first == "camera,kind,name,start,end,meanPeople,maxPeople,entries,exits")
        #expect(csvLines.count == 1 + recording.rows.filter { $0.subject == .line("path") }.count)
        #expect(csvLines.dropFirst().allSatisfy { $0.hasPrefix("walk,line,path,") })

        let table = try cli.veil(base + ["--camera", "walk"])
        #expect(table.status == 0 && table.output.hasPrefix("camera") && table.output.contains("walk    zone  right"), "\(table.output)")
        let empty = try cli.veil(["occupancy", "--from", "-1h", "--to", "now", "--camera", "nobody",
                                  "--data-dir", recording.harness.dataDirectory])
        #expect(empty.output == "no occupancy intervals in this range\n")
        let backwards = try cli.veil(["occupancy", "--from", "now", "--to", "-1h", "--data-dir", recording.harness.dataDirectory])
        #expect(backwards.status != 0 && backwards.errors.contains("--to must be later than --from"))
    }
}

extension Optional where Wrapped == OccupancyFigure {
    /// The figure as a count: "<1" (the test's minimum) is 0.
    var exactCount: Int {
        switch self {
        case .value(let value)?: Int(value.rounded())
        default: 0
        }
    }
}
