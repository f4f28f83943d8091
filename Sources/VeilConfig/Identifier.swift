/// The vault's name rules that the configuration checks ahead of it (camera names follow
/// `CameraName` in VeilCore).
enum Identifier {
    /// The vault's rule for officer names: 1–64 of `A–Z a–z 0–9 . _ -`, starting with a
    /// letter or digit.
    static func isValidOfficerName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        let first = bytes[0]
        guard isLetterOrDigit(first) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return bytes.allSatisfy {
            isLetterOrDigit($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// Lower-case ASCII letter or digit.
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
