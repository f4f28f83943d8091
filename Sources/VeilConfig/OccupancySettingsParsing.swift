import VeilOccupancy
import Yams

/// `occupancy:` at the top level. Areas name `camera/zone` or `camera/line`; whether those
/// exist is checked once every camera has been read (``CrossChecks``).
extension ConfigurationParser {
    func parseOccupancySettings(_ reader: MappingReader) -> (OccupancySettings, [ParsedArea]) {
        var settings = OccupancySettings()
        if let interval = reader.duration("interval") {
            if OccupancySettings.isValidInterval(interval) {
                settings.interval = interval
            } else {
                reader.report("interval", "must be whole seconds that divide an hour evenly (such as 1m, 5m, 15m, 1h), "
                              + "got \(interval.rounded() == interval ? String(Int(interval)) : String(interval)) s: intervals start on the hour")
            }
        }
        settings.minimumCount = reader.int("minimumCount", in: 1...1000) ?? settings.minimumCount
        settings.retention = reader.duration("retention") ?? settings.retention
        var areas: [ParsedArea] = []
        for (node, path) in reader.list("areas") ?? [] {
            if let area = MappingReader(node, path: path, problems: problems).flatMap(parseArea) {
                if areas.contains(where: { $0.area.name == area.area.name }) {
                    problems.add(YAMLPath.child(path, "name"), "'\(area.area.name)' is listed twice: area names must be unique", at: node)
                } else {
                    areas.append(area)
                }
            }
        }
        reader.finish()
        settings.areas = areas.map(\.area)
        return (settings, areas)
    }

    private func parseArea(_ reader: MappingReader) -> ParsedArea? {
        let name = reader.text("name")
        if name == nil && !reader.contains("name") { reader.report(nil, "needs a name") }
        let zones = parseReferences(reader, "zones"), lines = parseReferences(reader, "lines")
        var closing = TimeOfDay(hour: 0, minute: 0)
        if let text = reader.text("closingTime") {
            if let time = TimeOfDay(text) { closing = time } else {
                reader.report("closingTime", "'\(text)' is not a time of day: write HH:MM, such as 21:00 (local time)")
            }
        }
        reader.finish()
        let source: OccupancyArea.Source
        switch (zones, lines) {
        case (let zones?, nil): source = .zones(zones.map(\.reference))
        case (nil, let lines?): source = .lines(lines.map(\.reference))
        case (nil, nil):
            reader.report(nil, "needs zones: [camera/zone, ...] (people added up) or lines: [camera/line, ...] "
                          + "(entries minus exits on the doors)")
            return nil
        case (.some, .some):
            reader.report("lines", "an area is counted either from zones or from door lines, not both: make two areas")
            return nil
        }
        guard let name else { return nil }
        return ParsedArea(area: OccupancyArea(name: name, source: source, closingTime: closing), references: (zones ?? []) + (lines ?? []),
                          isLines: lines != nil)
    }

    private func parseReferences(_ reader: MappingReader, _ key: String) -> [ParsedArea.Reference]? {
        guard let list = reader.list(key) else { return nil }
        if list.isEmpty { reader.report(key, "the list is empty") }
        return list.compactMap { node, path in
            guard let text = reader.values.text(node, path) else { return nil }
            guard let reference = CountingReference(text) else {
                problems.add(path, "'\(text)' is not camera/name (such as lobby/door)", at: node)
                return nil
            }
            return ParsedArea.Reference(reference: reference, path: path, node: node)
        }
    }
}

/// An area as read, with where each of its references was written (for the cross-check).
struct ParsedArea {
    struct Reference {
        let reference: CountingReference
        let path: String
        let node: Node
    }

    let area: OccupancyArea
    let references: [Reference]
    let isLines: Bool
}
