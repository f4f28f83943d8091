public import Foundation

/// What a console user may do; each role includes the ones before it.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// Live and recorded redacted video.
    case viewer
    /// That, and exports of redacted clips.
    case exporter
    /// That, and the status page.
    case admin

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A console user as the store knows them (no secrets).
public struct StaffAccount: Sendable, Hashable {
    public let name: String
    public let role: StaffRole
    public let createdAt: Date
    /// API tokens issued (`veil user token`), by their public identifiers.
    public let tokenIDs: [String]
}
