import Yams

/// One redaction setting, declared once: its YAML key, its command-line flag, the values it
/// accepts and its help text. The YAML parser, the per-camera override merge and the
/// `veil redact` flags all read `RedactionKnob.all`, so they cannot disagree about a name or a
/// range. The default is the initial value of the `RedactionSettings` field the knob sets
/// (`RedactionSettings.cameraDefaults` for cameras).
public struct RedactionKnob: Sendable {
    /// The key under `redaction:` and under a camera's `overrides:`; a dotted key such as
    /// `encoder.crf` is `crf` inside the `encoder:` mapping.
    public let key: String
    /// The command-line option without its dashes (`hold-frames`).
    public let flag: String
    /// What the setting does, for `--help`.
    public let help: String
    /// How `RedactionOptions.problems` names the setting (`tracker.holdFrames`), for the
    /// settings its checks of combinations involve; those problems are reported with the key
    /// or the flag instead (`combinationProblems`).
    let pipelineName: String?
    /// What values are accepted; also how they are read and checked.
    let kind: Kind
    /// The `RedactionSettings` field it sets.
    let setting: any PartialKeyPath<RedactionSettings> & Sendable
    /// Reads one YAML value (or a flag's text as if it were one) into the field, reporting a
    /// problem at the path when the value does not fit; false then.
    private let readValue: @Sendable (ValueReader, Node, String, inout RedactionSettings) -> Bool
    /// The field's value as it is written in YAML and on the command line.
    private let show: @Sendable (RedactionSettings) -> String
    /// Copies the field from the first settings into the second.
    let copy: @Sendable (RedactionSettings, inout RedactionSettings) -> Void

    enum Kind: Sendable {
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case onOff
        case oneOf([String])
        /// Free text, checked by a rule `accepted` states.
        case text(accepted: String)
    }

    /// The values accepted, as a message says it: `at least 1`, `between 0 and 1`,
    /// `one of blur, solid, pixelate`, `true or false`.
    public var accepted: String {
        switch kind {
        case .integer(let range): RangeText.describe(range)
        case .number(let range): RangeText.describe(range)
        case .onOff: "true or false"
        case .oneOf(let names): "one of " + names.joined(separator: ", ")
        case .text(let accepted): accepted
        }
    }

    /// The names accepted, for a setting that takes one of a list (shell completion).
    public var choices: [String]? {
        if case .oneOf(let names) = kind { names } else { nil }
    }

    /// True for on/off settings: on the command line they are switches (`--motion-net`,
    /// `--no-motion-net`) rather than options taking a value.
    public var isSwitch: Bool {
        if case .onOff = kind { true } else { false }
    }

    /// The value of this knob in `settings`, as YAML and the command line write it.
    public func value(in settings: RedactionSettings) -> String { show(settings) }

    /// The `--help` text: what it does, what it accepts and the default (for files).
    public var flagHelp: String {
        let defaultValue = value(in: RedactionSettings())
        return isSwitch ? "\(help) (default: \(defaultValue == "true" ? "on" : "off"))"
            : "\(help) (\(accepted); default: \(defaultValue))"
    }

    /// The knob that sets `setting`; a field without a knob is a programmer error.
    public static func setting(_ setting: PartialKeyPath<RedactionSettings>) -> RedactionKnob {
        guard let knob = all.first(where: { $0.setting == setting }) else {
            preconditionFailure("\(setting) has no entry in RedactionKnob.all")
        }
        return knob
    }

    /// The mapping inside `redaction:` the key lives in (`encoder`), nil for a top-level key.
    var section: String? { key.contains(".") ? String(key.prefix(while: { $0 != "." })) : nil }
    /// The key inside its section.
    var leafKey: String { section.map { String(key.dropFirst($0.count + 1)) } ?? key }

    /// Reads the knob's key from `reader` (the mapping of its section) into `settings`;
    /// true when it was there and valid.
    func read(_ reader: MappingReader, into settings: inout RedactionSettings) -> Bool {
        guard let node = reader.value(leafKey) else { return false }
        return readValue(reader.values, node, reader.childPath(leafKey), &settings)
    }

    /// Reads a flag's text exactly as the YAML value would be read; a problem is named by
    /// the flag (`--hold-frames: must be at least 0, got '-1'`).
    func read(flagText text: String, problems: ProblemCollector, into settings: inout RedactionSettings) -> Bool {
        readValue(ValueReader(problems: problems), Node(text), "--" + flag, &settings)
    }

    private init(_ key: String, flag: String?, pipelineName: String?, help: String, _ kind: Kind,
                 _ setting: any PartialKeyPath<RedactionSettings> & Sendable,
                 read: @escaping @Sendable (ValueReader, Node, String, inout RedactionSettings) -> Bool,
                 show: @escaping @Sendable (RedactionSettings) -> String,
                 copy: @escaping @Sendable (RedactionSettings, inout RedactionSettings) -> Void) {
        self.key = key
        self.flag = flag ?? Self.flagName(key)
        self.help = help
        self.pipelineName = pipelineName
        self.kind = kind
        self.setting = setting
        self.readValue = read
        self.show = show
        self.copy = copy
    }

    /// The flag swift-argument-parser names after a property: `holdFrames` → `hold-frames`.
    public static func flagName(_ property: String) -> String {
        property.reduce(into: "") { name, character in
            name += character.isUppercase ? "-" + character.lowercased() : String(character)
        }
    }
}

// MARK: - The kinds of knob

extension RedactionKnob {
    /// A whole number in `range` (which must fit `Value`).
    static func integer<Value: FixedWidthInteger & Sendable>(
        _ setting: any WritableKeyPath<RedactionSettings, Value> & Sendable, _ key: String, flag: String? = nil,
        _ range: ClosedRange<Int>, pipelineName: String? = nil, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .integer(range), pipelineName: pipelineName,
             read: { $0.int($1, $2, in: range).map { Value($0) } }, show: { "\($0)" })
    }

    /// A whole number in `range`, or unset (nil), which means what `unset` says.
    static func integer(
        _ setting: any WritableKeyPath<RedactionSettings, Int?> & Sendable, _ key: String, flag: String? = nil,
        _ range: ClosedRange<Int>, unset: String, pipelineName: String? = nil, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .integer(range), pipelineName: pipelineName,
             read: { $0.int($1, $2, in: range).map { Optional($0) } }, show: { $0.map(String.init) ?? unset })
    }

    static func number<Value: BinaryFloatingPoint & Sendable>(
        _ setting: any WritableKeyPath<RedactionSettings, Value> & Sendable, _ key: String, flag: String? = nil,
        _ range: ClosedRange<Double>, pipelineName: String? = nil, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .number(range), pipelineName: pipelineName,
             read: { $0.double($1, $2, in: range).map { Value($0) } }, show: { "\($0)" })
    }

    static func onOff(
        _ setting: any WritableKeyPath<RedactionSettings, Bool> & Sendable, _ key: String, flag: String? = nil, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .onOff, read: { $0.bool($1, $2) }, show: { "\($0)" })
    }

    /// One of an enum's raw values.
    static func choice<Choice: CaseIterable & RawRepresentable<String> & Sendable>(
        _ setting: any WritableKeyPath<RedactionSettings, Choice> & Sendable, _ key: String, flag: String? = nil, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .oneOf(Choice.allCases.map(\.rawValue)), read: { $0.choice($1, $2, Choice.self) },
             show: { $0.rawValue })
    }

    /// Text that `isValid` accepts; `accepted` says what that is (`an absolute path such as …`).
    static func text(
        _ setting: any WritableKeyPath<RedactionSettings, String> & Sendable, _ key: String, flag: String? = nil,
        accepted: String, where isValid: @escaping @Sendable (String) -> Bool, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .text(accepted: accepted), read: { values, node, path in
            guard let text = values.text(node, path) else { return nil }
            guard isValid(text) else {
                values.problems.add(path, "'\(text)' is not \(accepted)", at: node)
                return nil
            }
            return text
        }, show: { $0 })
    }

    /// One of `names`, suggesting the closest when the text is none of them.
    static func text(
        _ setting: any WritableKeyPath<RedactionSettings, String> & Sendable, _ key: String, flag: String? = nil,
        among names: [String], help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .oneOf(names), read: { $0.name($1, $2, among: names) }, show: { $0 })
    }

    /// One of `names`, or `none` for nil.
    static func text(
        _ setting: any WritableKeyPath<RedactionSettings, String?> & Sendable, _ key: String, flag: String? = nil,
        among names: [String], none: String, help: String
    ) -> RedactionKnob {
        knob(setting, key, flag, help, .oneOf(names + [none]),
             read: { $0.name($1, $2, among: names + [none]).map { $0 == none ? nil : $0 } }, show: { $0 ?? none })
    }

    /// The knob of a field of type `Value`: `read` returns nil (after reporting why) for a value that does not fit.
    private static func knob<Value>(
        _ setting: any WritableKeyPath<RedactionSettings, Value> & Sendable, _ key: String, _ flag: String?, _ help: String, _ kind: Kind,
        pipelineName: String? = nil,
        read: @escaping @Sendable (ValueReader, Node, String) -> Value?, show: @escaping @Sendable (Value) -> String
    ) -> RedactionKnob {
        RedactionKnob(key, flag: flag, pipelineName: pipelineName, help: help, kind, setting) { values, node, path, settings in
            guard let value = read(values, node, path) else { return false }
            settings[keyPath: setting] = value
            return true
        } show: { show($0[keyPath: setting]) } copy: { $1[keyPath: setting] = $0[keyPath: setting] }
    }
}

extension ValueReader {
    /// Text that is one of `names`, listing them (and the closest) when it is not.
    fileprivate func name(_ node: Node, _ path: String, among names: [String]) -> String? {
        guard let text = text(node, path) else { return nil }
        if names.contains(text) { return text }
        let hint = KeySuggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        problems.add(path, "'\(text)' is not one of \(names.joined(separator: ", "))\(hint)", at: node)
        return nil
    }
}
