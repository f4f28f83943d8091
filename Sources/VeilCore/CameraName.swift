/// The one rule for camera names, used by the configuration, the vault and the archive alike:
/// a camera name becomes a directory name, a key file's path, a metrics label and part of log
/// lines, so it must be safe in all of them.
public enum CameraName {
    /// The rule as error messages state it.
    public static let rule = "1–64 of a–z, 0–9, '_' and '-', starting with a letter or digit"

    /// True when `name` follows `rule`: lower-case ASCII only (two names differing in case would
    /// be one folder on a case-insensitive file system), no '.' (no hidden or `..` folders), and
    /// no leading '-' or '_' (not read as an option, not hidden by sort order).
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), isLetterOrDigit(bytes[0]) else { return false }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
