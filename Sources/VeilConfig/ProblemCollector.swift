import Yams

/// Gathers problems during one parse instead of throwing at the first, so that every
/// mistake in a file is reported at once. Lives for a single parse on a single thread.
final class ProblemCollector {
    private(set) var problems: [ConfigurationProblem] = []

    func add(_ path: String, _ message: String, at node: Node? = nil) {
        problems.append(ConfigurationProblem(path: path, message: message, line: node?.mark?.line))
    }

    /// Sorted by line (checks across fields run last but point back into the file), keeping
    /// the order of discovery within a line.
    var inDocumentOrder: [ConfigurationProblem] {
        problems.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
    }
}

/// YAML paths as users read them: `cameras[1].tls.caFile`.
enum YAMLPath {
    static func child(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    static func element(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }
}
