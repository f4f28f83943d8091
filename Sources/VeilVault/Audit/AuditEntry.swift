import Foundation

/// One audit log line: JSON with sorted keys, `prev` being the SHA-256 (hex) of the
/// previous line's bytes (64 zeros for the first entry).
public struct AuditEntry: Codable, Hashable, Sendable {
    /// 1 for the first entry, then consecutive.
    public let seq: Int
    /// ISO 8601 UTC time of the act.
    public let time: String
    /// Who acted: an officer name, `veil-sweeper`, or `os-user:<login>` for the CLI.
    public let actor: String
    /// What was done, for example `officer.add`, `epoch.hold`, `epoch.shred`, `segment.open`.
    public let action: String
    /// What it was done to, for example `camera cam1 epoch 20261129T080000Z`.
    public let subject: String
    /// Why, as stated by the actor or the system.
    public let reason: String
    /// SHA-256 of the previous line.
    public let prev: String

    static let genesis = String(repeating: "0", count: 64)

    /// The exact line written to the log (no newline).
    func encodedLine() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    static func decode(line: some Collection<UInt8>) -> AuditEntry? {
        try? JSONDecoder().decode(AuditEntry.self, from: Data(line))
    }
}

/// The outcome of checking the chain.
public struct AuditVerification: Sendable {
    /// Entries read (up to the first problem, if any).
    public let entryCount: Int
    /// SHA-256 of the last line, `nil` for an empty log.
    public let head: SHA256Digest?
    /// The first broken link, or `nil` when the whole chain holds.
    public let problem: AuditProblem?

    public var isIntact: Bool { problem == nil }
}

/// Where the chain breaks and what it means.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number in the log file.
    public let line: Int
    public let description: String
}
