/// The settings a camera (or the `redaction:` defaults, or a command line) sets explicitly;
/// every other setting is inherited.
public struct RedactionOverrides: Sendable, Hashable {
    /// The values set; a field whose knob is not in `keys` is unused.
    fileprivate var values = RedactionSettings()
    /// The `RedactionKnob.key` of every setting set.
    fileprivate var keys: Set<String> = []

    public init() {}

    /// True when nothing is overridden.
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads `knob` with `read` into these overrides; it counts as set when `read` succeeds.
    mutating func set(_ knob: RedactionKnob, by read: (inout RedactionSettings) -> Bool) {
        if read(&values) { keys.insert(knob.key) }
    }
}

extension RedactionSettings {
    /// These settings with every value the overrides set replaced.
    public func applying(_ overrides: RedactionOverrides) -> RedactionSettings {
        var merged = self
        for knob in RedactionKnob.all where overrides.keys.contains(knob.key) {
            knob.copy(overrides.values, &merged)
        }
        return merged
    }
}
