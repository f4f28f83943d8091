import VeilCore

/// Checks that need more than one value: done after every field was read, so they see
/// the final values and can name each field involved.
struct CrossChecks {
    let problems: ProblemCollector

    func check(_ configuration: VeilConfiguration, root: MappingReader, defaults: MappingReader?, cameras: [ParsedCamera]) {
        let retention = configuration.retention
        if Double(configuration.segmentSeconds) > retention.epochLength {
            root.report("segmentSeconds", "(\(configuration.segmentSeconds) s) must not be longer than retention.epochLength "
                        + "(\(Int(retention.epochLength)) s): each raw segment is sealed under one epoch's key")
        }
        checkRedaction(configuration, defaults: defaults, cameras: cameras)
        checkUniqueNames(cameras)
        if let cluster = configuration.cluster, configuration.web.map({ $0.tls == .none }) ?? true {
            root.report("cluster", "node '\(cluster.node.name)' needs the staff console over HTTPS (web: { listen: …, "
                        + "tls: { selfSigned: true } } or certificate files): its certificate identifies the node to the others")
        }
    }

    /// The pipeline's own safety rules (staleness vs hold and cadences, lookahead vs hold),
    /// for the defaults and for every camera whose overrides change the outcome.
    private func checkRedaction(_ configuration: VeilConfiguration, defaults: MappingReader?, cameras: [ParsedCamera]) {
        let defaultProblems = configuration.redaction.combinationProblems(naming: \.key)
        if let defaults {
            for problem in defaultProblems { defaults.report(nil, problem) }
        }
        for parsed in cameras {
            guard let reader = parsed.overridesReader else { continue }
            let merged = configuration.redaction.applying(parsed.overrides)
            for problem in merged.combinationProblems(naming: \.key) where !defaultProblems.contains(problem) {
                reader.report(nil, problem + " (after applying this camera's overrides to the defaults)")
            }
        }
    }

    private func checkUniqueNames(_ cameras: [ParsedCamera]) {
        var firstPath: [String: String] = [:]
        for parsed in cameras {
            guard let name = parsed.name else { continue }
            if let first = firstPath[name] {
                problems.add(YAMLPath.child(parsed.path, "name"),
                             "'\(name)' is already the name of \(first): camera names must be unique (they name folders)",
                             at: parsed.nameNode)
            } else {
                firstPath[name] = parsed.path
            }
        }
    }
}
