public import Foundation

/// Vault settings. A plain value the CLI (and later the YAML loader) fills in.
public struct VaultConfiguration: Sendable, Hashable, Codable {
    /// Root of all Veil data (`vault/`, `raw/`, `audit/` live below it).
    public var dataDirectory: String
    /// How long raw footage stays openable after its epoch ends. Default 24 hours.
    public var rawRetention: TimeInterval
    /// Length of one epoch (one key pair per camera per epoch). Default 1 hour.
    public var epochLength: TimeInterval
    /// Longest a legal hold may reach beyond the moment it is placed. Default 30 days.
    public var maximumHold: TimeInterval
    /// How often the running sweeper checks for expired epochs. Default 60 seconds.
    public var sweepInterval: TimeInterval
    /// scrypt cost for new officer keys. Default `.standard` (N = 2^15, r = 8, p = 1).
    public var officerKeyDerivation: ScryptParameters
    /// The officers new epoch keys are wrapped to, by name (the YAML's `officers:`); empty,
    /// the default: every active officer. Names not registered, or removed, get nothing.
    public var officers: [String]

    public init(dataDirectory: String, rawRetention: TimeInterval = 24 * 3600, epochLength: TimeInterval = 3600,
                maximumHold: TimeInterval = 30 * 24 * 3600, sweepInterval: TimeInterval = 60,
                officerKeyDerivation: ScryptParameters = .standard, officers: [String] = []) {
        self.dataDirectory = dataDirectory
        self.rawRetention = rawRetention
        self.epochLength = epochLength
        self.maximumHold = maximumHold
        self.sweepInterval = sweepInterval
        self.officerKeyDerivation = officerKeyDerivation
        self.officers = officers
    }

    /// Every out-of-range value, described; empty when the configuration is usable.
    public var problems: [String] {
        var problems: [String] = []
        if dataDirectory.isEmpty { problems.append("data directory is empty") }
        if !(rawRetention > 0) { problems.append("raw retention must be positive (got \(rawRetention) s)") }
        if !(epochLength >= 60 && epochLength <= 86_400) || epochLength.rounded() != epochLength || 86_400.truncatingRemainder(dividingBy: epochLength) != 0 {
            problems.append("epoch length must be whole seconds between 60 and 86400 that divide a day (got \(epochLength) s)")
        }
        if !(maximumHold >= 0) { problems.append("maximum hold must not be negative (got \(maximumHold) s)") }
        if !(sweepInterval > 0) { problems.append("sweep interval must be positive (got \(sweepInterval) s)") }
        if !officerKeyDerivation.isAcceptable { problems.append("scrypt parameters out of range (log2 N 10–20, r 1–32, p 1–16, at most 256 MiB: 128·N·r, and N·r·p at most 2^22)") }
        return problems
    }
}
