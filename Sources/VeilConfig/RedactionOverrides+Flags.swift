extension RedactionOverrides {
    /// The settings given on a command line: the text of each flag given, keyed by the flag's
    /// name without dashes (`hold-frames`). Each text is read exactly as its YAML value would
    /// be, so a flag accepts what its key accepts. Throws every problem at once, in the order
    /// of `RedactionKnob.all`, each named by its flag.
    public init(flags: [String: String]) throws(FlagProblems) {
        precondition(flags.keys.allSatisfy { flag in RedactionKnob.all.contains { $0.flag == flag } },
                     "a flag without a RedactionKnob: \(flags.keys.sorted())")
        self.init()
        let problems = ProblemCollector()
        for knob in RedactionKnob.all {
            guard let text = flags[knob.flag] else { continue }
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
