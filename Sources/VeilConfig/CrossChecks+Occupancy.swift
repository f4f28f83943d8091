import VeilOccupancy

extension CrossChecks {
    /// Every zone or line an area names must exist on the camera it names.
    func checkAreas(_ areas: [ParsedArea], cameras: [ParsedCamera]) {
        let layouts = Dictionary(cameras.compactMap { camera in camera.name.map { ($0, camera.occupancy) } },
                                 uniquingKeysWith: { first, _ in first })
        for area in areas {
            let kind = area.isLines ? "line" : "zone"
            for reference in area.references {
                let text = "'\(reference.reference)'"
                guard let layout = layouts[reference.reference.camera] else {
                    problems.add(reference.path, "\(text) names no configured camera (known: \(layouts.keys.sorted().joined(separator: ", ")))",
                                 at: reference.node)
                    continue
                }
                let names = area.isLines ? layout.lines.map(\.name) : layout.zones.map(\.name)
                if !names.contains(reference.reference.name) {
                    let known = names.isEmpty ? "it has no valid \(kind)s" : "its \(kind)s: \(names.joined(separator: ", "))"
                    problems.add(reference.path, "unknown \(kind) \(text): camera \(reference.reference.camera) has no \(kind) "
                                 + "'\(reference.reference.name)' under occupancy.\(kind)s (\(known))", at: reference.node)
                }
            }
        }
    }
}
