extension RedactionOverrides {
    /// The settings given on a command line, keyed by the field each sets; nil for a flag not
    /// given. Each text is read exactly as its YAML value would be, so a flag accepts what its
    /// key accepts. Throws every problem at once, each named by its flag.
    public init(flags: [PartialKeyPath<RedactionSettings>: String?]) throws(FlagProblems) {
        precondition(flags.keys.allSatisfy { setting in RedactionKnob.all.contains { $0.setting == setting } },
                     "a flag for a field without a RedactionKnob")
        self.init()
        let problems = ProblemCollector()
        for knob in RedactionKnob.all {
            guard case let text?? = flags[knob.setting] else { continue }
            set(knob) { knob.read(flagText: text, problems: problems, into: &$0) }
        }
        if !problems.problems.isEmpty { throw FlagProblems(messages: problems.problems.map(\.description)) }
    }
}

/// Flags whose values are malformed or out of range, one message each, named by the flag:
/// `--hold-frames: must be at least 0, got '-1'`.
public struct FlagProblems: Error, CustomStringConvertible {
    public let messages: [String]
    public var description: String { messages.joined(separator: "\n") }
}
