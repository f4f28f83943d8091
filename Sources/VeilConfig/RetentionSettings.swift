public import Foundation

/// How long footage and keys live. Durations are in seconds (as `VaultConfiguration` takes
/// them) and are written in YAML with a unit: `90s`, `30m`, `24h`, `30d`.
public struct RetentionSettings: Sendable, Hashable {
    /// Raw footage stays openable this long after its epoch ends; then its epoch key is
    /// destroyed (crypto-shredding). Default 24 h, short by design.
    public var raw: TimeInterval
    /// Redacted segments are deleted this long after they end. Default 30 days.
    public var redacted: TimeInterval
    /// One key pair per camera per epoch; must be whole seconds from 1 min to 24 h that
    /// divide a day (the vault's rule). Default 1 h.
    public var epochLength: TimeInterval
    /// The longest a legal hold may extend one epoch beyond the moment it is placed. Default 30 days.
    public var maxHold: TimeInterval

    public init(raw: TimeInterval = 24 * 3600, redacted: TimeInterval = 30 * 86_400, epochLength: TimeInterval = 3600,
                maxHold: TimeInterval = 30 * 86_400) {
        self.raw = raw
        self.redacted = redacted
        self.epochLength = epochLength
        self.maxHold = maxHold
    }

    /// The vault's own rule for epoch lengths, checked here so `veil config check` finds it.
    static func isValidEpochLength(_ seconds: TimeInterval) -> Bool {
        seconds >= 60 && seconds <= 86_400 && seconds.rounded() == seconds
            && 86_400.truncatingRemainder(dividingBy: seconds) == 0
    }
}
