/// One thing wrong with a configuration file: where (YAML path and line) and what.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The YAML path of the offending value, e.g. `cameras[1].url`; empty for the whole document.
    public let path: String
    /// What is wrong and, where it helps, what to write instead. Never contains credentials.
    public let message: String
    /// 1-based line of the offending value or key, when the parser knows it.
    public let line: Int?

    public init(path: String, message: String, line: Int?) {
        self.path = path
        self.message = message
        self.line = line
    }

    /// `path: message (line N)`.
    public var description: String {
        let location = line.map { " (line \($0))" } ?? ""
        return path.isEmpty ? message + location : "\(path): \(message)\(location)"
    }
}

/// Every problem found while loading one configuration file, reported together so that
/// one run of `veil config check` shows them all.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file (or the name given to `parse(yaml:source:)`) the problems were found in.
    public let source: String
    /// In document order (by line). Never empty.
    public let problems: [ConfigurationProblem]

    public init(source: String, problems: [ConfigurationProblem]) {
        precondition(!problems.isEmpty, "a ConfigurationError needs at least one problem")
        self.source = source
        self.problems = problems
    }

    /// A header naming the file, then one problem per line.
    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (["\(source): \(count):"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
