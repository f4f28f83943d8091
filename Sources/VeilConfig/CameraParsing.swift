import Foundation
import VeilCore
import VeilOccupancy
import Yams

/// What was read of one camera, kept even when part of it is wrong so that the checks
/// across cameras (unique names, overrides against the defaults) still see it.
struct ParsedCamera {
    /// Nil if the name or the source had a problem.
    let camera: CameraConfiguration?
    let name: String?
    let path: String
    let nameNode: Node?
    let overrides: RedactionOverrides
    let overridesReader: MappingReader?
    let occupancy: CountingLayout
}

extension ConfigurationParser {
    func parseCameras(_ root: MappingReader) -> [ParsedCamera] {
        guard let list = root.list("cameras") else {
            if !root.contains("cameras") { root.report(nil, "no cameras: add a 'cameras:' list (see veil.example.yaml)") }
            return []
        }
        if list.isEmpty { root.report("cameras", "the list is empty: configure at least one camera") }
        return list.compactMap { node, path -> ParsedCamera? in
            MappingReader(node, path: path, problems: problems).flatMap(parseCamera)
        }
    }

    private func parseCamera(_ reader: MappingReader) -> ParsedCamera {
        let name = parseName(reader)
        let url = reader.text("url")
        if url == nil && !reader.contains("url") { reader.report(nil, "needs a url: rtsp://, rtsps:// or a video file") }
        let transport = reader.choice("transport", RTSPTransport.self)
        let credentials = reader.mapping("credentials").flatMap(parseCredentials)
        let tls = reader.mapping("tls").flatMap(parseTLS)
        let loop = reader.bool("loop"), pace = reader.bool("pace")
        let zones = reader.list("zones").map(parseZones) ?? []
        let overridesReader = reader.mapping("overrides")
        let overrides = overridesReader.map(parseRedaction) ?? RedactionOverrides()
        let occupancy = reader.mapping("occupancy").map(parseCountingLayout) ?? CountingLayout()
        reader.finish()

        let options = SourceOptions(transport: transport, credentials: credentials, tls: tls, loop: loop, pace: pace)
        // The source is checked even without a usable name, so that its problems show too.
        let source = url.flatMap { parseSource($0, options: options, in: reader) }
        var camera: CameraConfiguration?
        if let name, let source {
            camera = CameraConfiguration(name: name, source: source, zones: zones, overrides: overrides, occupancy: occupancy)
        }
        return ParsedCamera(camera: camera, name: name, path: reader.path, nameNode: reader.node(for: "name"),
                            overrides: overrides, overridesReader: overridesReader, occupancy: occupancy)
    }

    private func parseName(_ reader: MappingReader) -> String? {
        guard let name = reader.text("name") else {
            if !reader.contains("name") { reader.report(nil, "needs a name (a–z, 0–9, '_' and '-'; used in paths)") }
            return nil
        }
        guard CameraName.isValid(name) else {
            reader.report("name", "'\(name)' is not a valid camera name: use \(CameraName.rule) (it is used in file paths)")
            return nil
        }
        return name
    }

    private func parseZones(_ list: [(node: Node, path: String)]) -> [Polygon] {
        list.compactMap { node, path in
            guard let points = listElements(node, path) else { return nil }
            let parsed = points.compactMap { point, pointPath -> Point? in
                guard let pair = listElements(point, pointPath) else { return nil }
                guard pair.count == 2 else {
                    problems.add(pointPath, "a point is [x, y], got \(describe(point))", at: point)
                    return nil
                }
                let coordinates = pair.compactMap { ValueReader(problems: problems).double($0.node, $0.path, in: 0...1e6) }
                return coordinates.count == 2 ? Point(x: coordinates[0], y: coordinates[1]) : nil
            }
            guard parsed.count == points.count else { return nil }
            guard parsed.count >= 3 else {
                problems.add(path, "a zone needs at least 3 points [x, y] in frame pixels, got \(parsed.count)", at: node)
                return nil
            }
            return Polygon(parsed)
        }
    }

    private func listElements(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        ValueReader(problems: problems).list(node, path)
    }
}
