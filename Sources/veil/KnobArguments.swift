import ArgumentParser
import VeilConfig

// The command-line side of `RedactionKnob`: a redaction flag is one property, named as its
// flag (`holdFrames` is `--hold-frames`), that says which setting it sets. Its help, accepted
// values and default come from the knob; its text is read by the knob
// (`RedactionOverrides(flags:)`), as the YAML value would be. Nothing else lists the flags:
// `RedactionOverrides.given(by:)` finds them by their names.

extension Option where Value == String? {
    /// The option of the knob that sets `setting`, e.g. `--hold-frames <hold-frames>`.
    init(knob setting: PartialKeyPath<RedactionSettings>) {
        let knob = RedactionKnob.setting(setting)
        // Unconditional: `--hold-frames -1` is the value -1 (named as out of range), not a missing value.
        self.init(name: .customLong(knob.flag), parsing: .unconditional, help: ArgumentHelp(knob.flagHelp),
                  completion: knob.choices.map { .list($0) })
    }
}

extension Flag where Value == Bool? {
    /// The on/off switch pair of the knob that sets `setting`, e.g. `--motion-net/--no-motion-net`.
    init(knob setting: PartialKeyPath<RedactionSettings>) {
        let knob = RedactionKnob.setting(setting)
        self.init(name: .customLong(knob.flag), inversion: .prefixedNo, help: ArgumentHelp(knob.flagHelp))
    }
}

extension RedactionOverrides {
    /// The settings set by the knob flags of `arguments` — its `String?` options and `Bool?`
    /// switches whose property names are knob flags — with every malformed or out-of-range
    /// one named in one validation error.
    static func given(by arguments: some ParsableArguments) throws -> RedactionOverrides {
        var flags: [String: String] = [:]
        for child in Mirror(reflecting: arguments).children {
            // A property wrapper is stored as `_name`.
            guard let label = child.label, label.hasPrefix("_") else { continue }
            let flag = RedactionKnob.flagName(String(label.dropFirst()))
            guard RedactionKnob.all.contains(where: { $0.flag == flag }) else { continue }
            switch child.value {
            case let option as Option<String?>: flags[flag] = option.wrappedValue
            case let toggle as Flag<Bool?>: flags[flag] = toggle.wrappedValue.map(String.init)
            default: preconditionFailure("\(label) is named as the flag of a redaction knob but is not @Option(knob:) or @Flag(knob:)")
            }
        }
        do {
            return try RedactionOverrides(flags: flags)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
