/// The character rules of Prometheus names (data model: metric names `[a-zA-Z_:][a-zA-Z0-9_:]*`,
/// label names `[a-zA-Z_][a-zA-Z0-9_]*`, names starting `__` reserved).
enum MetricName {
    static func isValidMetricName(_ name: String) -> Bool {
        isValid(name, allowingColon: true)
    }

    static func isValidLabelName(_ name: String) -> Bool {
        isValid(name, allowingColon: false) && !name.hasPrefix("__")
    }

    /// Works on UTF-8 bytes: `Character.isLetter` would also accept "é".
    private static func isValid(_ name: String, allowingColon: Bool) -> Bool {
        func isStart(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "_") || (allowingColon && byte == UInt8(ascii: ":"))
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isStart(first) else { return false }
        return bytes.dropFirst().allSatisfy { isStart($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
