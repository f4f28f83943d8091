import VeilCore

/// Rules for names that become path components: camera ids, officer and console user names
/// (`package`: VeilStaff checks user names with it).
package enum Identifier {
    /// Camera ids follow `CameraName`, the one rule the configuration and the archive use too.
    static func validateCamera(_ value: String, what: String) throws {
        guard CameraName.isValid(value) else {
            throw VaultError(.invalidArgument, "\(what) '\(value)' is not allowed: use \(CameraName.rule).")
        }
    }

    /// Officer and user names: 1–64 characters of `A–Z a–z 0–9 . _ -`, starting with a letter or digit.
    package static func validate(_ value: String, what: String) throws {
        let bytes = Array(value.utf8)
        func allowed(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x5a).contains(c) || (0x61...0x7a).contains(c) || c == 0x2e || c == 0x5f || c == 0x2d
        }
        guard (1...64).contains(bytes.count), bytes.allSatisfy(allowed), bytes[0] != 0x2e, bytes[0] != 0x2d, bytes[0] != 0x5f else {
            throw VaultError(.invalidArgument, "\(what) '\(value)' is not allowed: use 1–64 characters of letters, digits, '.', '_' and '-', starting with a letter or digit.")
        }
    }
}
