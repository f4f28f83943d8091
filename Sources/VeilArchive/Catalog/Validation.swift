import VeilCore

/// Checks on values entering the catalog or naming files, so a bad value fails with a
/// message instead of producing a path outside the data directory or an unusable row.
enum Validation {
    /// Camera names become directory names: `CameraName`'s rule, the one the configuration
    /// and the vault apply too.
    static func camera(_ name: String, path: String) throws {
        guard CameraName.isValid(name) else {
            throw ArchiveError.invalid("accepting camera name '\(name)' (use \(CameraName.rule))", path: path)
        }
    }

    /// A SHA-256 as 64 lowercase hex digits.
    static func sha256(_ hex: String, path: String) throws {
        let isHex = hex.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        guard hex.utf8.count == 64, isHex else {
            throw ArchiveError.invalid("accepting SHA-256 '\(hex.prefix(80))' (expected 64 lowercase hex digits)", path: path)
        }
    }

    /// Epoch identifiers are printable ASCII without '/', 1–64 characters.
    static func epoch(_ epoch: String, path: String) throws {
        let printable = epoch.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "/") }
        guard printable, (1...64).contains(epoch.utf8.count) else {
            throw ArchiveError.invalid("accepting epoch id '\(epoch.prefix(80))'", path: path)
        }
    }
}
