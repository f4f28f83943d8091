import VeilCore
import VeilOccupancy
import Yams

/// `occupancy:` under a camera (zones and lines) and at the top level (interval, minimum
/// count, retention, areas). Coordinates are fractions of the frame (0–1), so every
/// placement is checked here, before any camera connects.
extension ConfigurationParser {
    func parseCountingLayout(_ reader: MappingReader) -> CountingLayout {
        var layout = CountingLayout()
        var names: [String: String] = [:]
        func claim(_ name: String, _ path: String, _ node: Node?) -> Bool {
            if let first = names[name] {
                problems.add(YAMLPath.child(path, "name"), "'\(name)' is already the name of \(first): zone and line names "
                             + "must be unique within a camera", at: node)
                return false
            }
            names[name] = path
            return true
        }
        for (node, path) in reader.list("zones") ?? [] {
            guard let zone = MappingReader(node, path: path, problems: problems).flatMap(parseCountingZone) else { continue }
            if claim(zone.name, path, node) { layout.zones.append(zone) }
        }
        for (node, path) in reader.list("lines") ?? [] {
            guard let line = MappingReader(node, path: path, problems: problems).flatMap(parseCountingLine) else { continue }
            if claim(line.name, path, node) { layout.lines.append(line) }
        }
        reader.finish()
        return layout
    }

    private func parseCountingZone(_ reader: MappingReader) -> CountingZone? {
        let name = parseCountingName(reader)
        let capacity = reader.int("capacity", in: 1...100_000)
        var polygon: Polygon?
        if let points = reader.list("polygon") {
            let path = reader.childPath("polygon")
            let parsed = points.compactMap { parseFramePoint($0.node, $0.path) }
            if parsed.count == points.count {
                if parsed.count < 3 {
                    reader.report("polygon", "a zone needs at least 3 points [x, y], got \(parsed.count)")
                } else if PolygonShape.isSelfIntersecting(Polygon(parsed)) {
                    problems.add(path, "the polygon crosses itself, so it has no clear inside: list the points in order "
                                 + "around the zone's edge", at: reader.node(for: "polygon"))
                } else {
                    polygon = Polygon(parsed)
                }
            }
        } else if !reader.contains("polygon") {
            reader.report(nil, "needs a polygon: [[x, y], ...] as fractions of the frame's width and height (0–1)")
        }
        reader.finish()
        guard let name, let polygon else { return nil }
        return CountingZone(name: name, polygon: polygon, capacity: capacity)
    }

    private func parseCountingLine(_ reader: MappingReader) -> CountingLine? {
        let name = parseCountingName(reader)
        let from = reader.value("from").flatMap { parseFramePoint($0, reader.childPath("from")) }
        let to = reader.value("to").flatMap { parseFramePoint($0, reader.childPath("to")) }
        let inside = reader.choice("inside", LineSide.self)
        for key in ["from", "to", "inside"] where !reader.contains(key) {
            reader.report(nil, key == "inside" ? "needs inside: left or right (the side people are in after entering, "
                          + "seen on the picture walking from 'from' to 'to')" : "needs \(key): [x, y] (fractions of the frame, 0–1)")
        }
        reader.finish()
        guard let name, let from, let to, let inside else { return nil }
        guard from != to else {
            reader.report("to", "the line has zero length (from and to are the same point): nobody could cross it")
            return nil
        }
        return CountingLine(name: name, from: from, to: to, inside: inside)
    }

    private func parseCountingName(_ reader: MappingReader) -> String? {
        guard let name = reader.text("name") else {
            if !reader.contains("name") { reader.report(nil, "needs a name (a–z, 0–9, '_' and '-'; used in metrics and reports)") }
            return nil
        }
        guard CameraName.isValid(name) else {
            reader.report("name", "'\(name)' is not a valid name: use \(CameraName.rule)")
            return nil
        }
        return name
    }

    /// `[x, y]` with both in 0–1: a point on the frame, whatever its resolution.
    private func parseFramePoint(_ node: Node, _ path: String) -> Point? {
        guard let pair = ValueReader(problems: problems).list(node, path) else { return nil }
        guard pair.count == 2 else {
            problems.add(path, "a point is [x, y], got \(describe(node))", at: node)
            return nil
        }
        let values = ValueReader(problems: problems)
        let coordinates = pair.compactMap { element -> Double? in
            guard let value = values.double(element.node, element.path, in: -1e9...1e9) else { return nil }
            guard (0...1).contains(value) else {
                problems.add(element.path, "\(value) is outside the frame: occupancy coordinates are fractions of the "
                             + "frame's width and height, from 0 to 1 (0.5 is the middle)", at: element.node)
                return nil
            }
            return value
        }
        return coordinates.count == 2 ? Point(x: coordinates[0], y: coordinates[1]) : nil
    }
}
