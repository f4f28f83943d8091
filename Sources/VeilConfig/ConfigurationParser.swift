import VeilInference
import VeilVision
import Yams

/// Reads the whole document: top-level sections here, cameras and redaction settings in
/// their own files, checks across fields last.
struct ConfigurationParser {
    let problems: ProblemCollector
    let paths: PathResolver

    /// Nil only when the document is not a mapping at all; otherwise the configuration
    /// with defaults wherever a value was missing or wrong (the problems say which).
    func parseDocument(_ root: Node) -> VeilConfiguration? {
        guard let reader = MappingReader(root, path: "", problems: problems) else { return nil }
        var configuration = VeilConfiguration()
        if let directory = reader.text("dataDirectory") {
            configuration.dataDirectory = paths.absolute(directory)
            if paths.entry(at: configuration.dataDirectory) == .file {
                reader.report("dataDirectory", "'\(directory)' is a file, not a folder")
            }
        }
        configuration.segmentSeconds = reader.int("segmentSeconds", in: 1...3600) ?? configuration.segmentSeconds
        if let retention = reader.mapping("retention") {
            configuration.retention = parseRetention(retention)
        }
        configuration.officers = parseOfficers(reader)
        if let storage = reader.mapping("storage") {
            configuration.storage.maxBytes = storage.byteCount("maxBytes")
            configuration.storage.minFreeBytes = storage.byteCount("minFreeBytes") ?? configuration.storage.minFreeBytes
            storage.finish()
        }
        if let metrics = reader.mapping("metrics") {
            configuration.metrics = parseMetrics(metrics) ?? configuration.metrics
        }
        if let web = reader.mapping("web") {
            configuration.web = parseWeb(web)
        }
        if let cluster = reader.mapping("cluster") {
            configuration.cluster = parseCluster(cluster)
        }
        if let inference = reader.mapping("inference") {
            configuration.inference = parseInference(inference)
        }
        let defaults = reader.mapping("redaction")
        configuration.redaction = RedactionSettings.cameraDefaults.applying(defaults.map(parseRedaction) ?? .init())
        let cameras = parseCameras(reader)
        configuration.cameras = cameras.compactMap(\.camera)
        var areas: [ParsedArea] = []
        if let occupancy = reader.mapping("occupancy") {
            (configuration.occupancy, areas) = parseOccupancySettings(occupancy)
        }
        reader.finish()

        let checks = CrossChecks(problems: problems)
        checks.check(configuration, root: reader, defaults: defaults, cameras: cameras)
        checks.checkAreas(areas, cameras: cameras)
        return configuration
    }

    private func parseRetention(_ reader: MappingReader) -> RetentionSettings {
        var retention = RetentionSettings()
        retention.raw = reader.duration("raw") ?? retention.raw
        retention.redacted = reader.duration("redacted") ?? retention.redacted
        if let epoch = reader.duration("epochLength") {
            if RetentionSettings.isValidEpochLength(epoch) {
                retention.epochLength = epoch
            } else {
                reader.report("epochLength", "must be whole seconds from 1m to 24h that divide a day evenly "
                              + "(such as 15m, 1h, 6h), got \(Int(epoch)) s")
            }
        }
        retention.maxHold = reader.duration("maxHold", allowZero: true) ?? retention.maxHold
        reader.finish()
        return retention
    }

    private func parseOfficers(_ reader: MappingReader) -> [String] {
        var names: [String] = []
        for (node, path) in reader.list("officers") ?? [] {
            guard let name = reader.values.text(node, path) else { continue }
            if !Identifier.isValidOfficerName(name) {
                problems.add(path, "'\(name)' is not a valid officer name: use 1–64 letters, digits, '.', '_' "
                             + "and '-', starting with a letter or digit", at: node)
            } else if names.contains(name) {
                problems.add(path, "'\(name)' is listed twice", at: node)
            } else {
                names.append(name)
            }
        }
        return names
    }

    private func parseInference(_ reader: MappingReader) -> InferenceOptions {
        var options = InferenceOptions()
        options.backend = reader.choice("backend", InferenceBackend.self) ?? options.backend
        options.precision = reader.choice("precision", InferencePrecision.self) ?? options.precision
        options.threads = reader.int("threads", in: 0...256) ?? options.threads
        reader.finish()
        return options
    }

    private func parseMetrics(_ reader: MappingReader) -> MetricsSettings? {
        defer { reader.finish() }
        guard let node = reader.value("listen"), let text = reader.values.text(node, reader.childPath("listen")) else {
            return nil
        }
        switch ListenAddress.parse(text) {
        case .success(let settings): return settings
        case .failure(let reason):
            problems.add(reader.childPath("listen"), reason.message(for: text), at: node)
            return nil
        }
    }
}
