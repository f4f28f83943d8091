import Foundation
import VeilPipeline

extension RedactionSettings {
    /// What is unsafe in the combination of these values (the staleness against the hold and
    /// the cadences, the lookahead against the hold): `RedactionOptions.problems`, with each
    /// setting named by `name` — its YAML key for `veil.yaml`, its flag for `veil redact` — so
    /// that both say the same thing. Checked once every value is in its own range.
    public func combinationProblems(naming name: (RedactionKnob) -> String) -> [String] {
        redactionOptions().problems.map { problem in
            RedactionKnob.all.reduce(problem) { text, knob in
                knob.pipelineName.map { text.replacingOccurrences(of: $0, with: name(knob)) } ?? text
            }
        }
    }
}
