import Foundation
/// Parses the human-written quantities of the configuration: durations and sizes.
enum Quantity {
    /// The longest duration a configuration may hold: 100 years (36500d). Longer ones are
    /// typos, and as milliseconds they would overflow the vault's 64-bit times.
    static let maximumSeconds: Double = 36_500 * 86_400

    private static let secondsPerUnit: [String: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]

    /// `90s`, `30m`, `24h`, `30d`, `2w`, or sums such as `1h30m`; a leading `-` gives a
    /// negative result (reported by the caller, which knows the path). Nil if malformed.
    static func seconds(in text: String) -> Double? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        let sign: Double = rest.hasPrefix("-") ? -1 : 1
        if rest.hasPrefix("-") || rest.hasPrefix("+") { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let scale = secondsPerUnit[String(unit)] else { return nil }
            total += value * scale
        }
        return sign * total
    }

    private static let bytesPerUnit: [String: Double] = [
        "": 1, "b": 1,
        "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776, "pib": 1_125_899_906_842_624,
    ]

    /// `500GB` (decimal), `10GiB` (binary), `1.5 TB`, or a plain number of bytes; a leading
    /// `-` gives a negative result. Nil if malformed or too large.
    static func bytes(in text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix(while: { $0.isNumber || $0 == "." || $0 == "-" })
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = Double(number), let scale = bytesPerUnit[unit] else { return nil }
        let bytes = (value * scale).rounded()
        guard bytes.magnitude < Double(Int64.max) else { return nil }
        return Int64(bytes)
    }
}
