public import Foundation

/// Times as staff type them on the command line:
///
/// | Input                        | Meaning                                   |
/// |------------------------------|-------------------------------------------|
/// | `2026-11-29T10:00:00Z`, `…+01:00` | ISO 8601 with a zone (fraction allowed) |
/// | `2026-11-29T10:00:00`        | ISO 8601 without a zone: local time       |
/// | `2026-11-29 10:00[:00]`      | local time                                |
/// | `now`                        | the current time                          |
/// | `-15m`, `-2h`, `-30s`, `-1d` | that long before now (`now-15m` too)      |
public enum ExportTime {
    /// The time `text` names, or `nil` if it is none of the forms above.
    public static func parse(_ text: String, now: Date = Date(), timeZone: TimeZone = .current) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "now" { return now }
        if let offset = relativeSeconds(trimmed) { return now.addingTimeInterval(offset) }
        for (pattern, zoned) in patterns {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = zoned ? TimeZone(identifier: "UTC") : timeZone
            formatter.isLenient = false
            formatter.dateFormat = pattern
            if let date = formatter.date(from: trimmed), formatter.string(from: date).count == trimmed.count || zoned {
                return date
            }
        }
        return nil
    }

    /// What to tell someone whose time did not parse.
    public static let accepted = "ISO 8601 (2026-11-29T10:00:00Z, or without a zone for local time), local '2026-11-29 10:00[:SS]', 'now', or relative like -15m, -2h, -30s, -1d"

    private static let patterns: [(String, Bool)] = [
        ("yyyy-MM-dd'T'HH:mm:ssXXXXX", true), ("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", true), ("yyyy-MM-dd'T'HH:mmXXXXX", true),
        ("yyyy-MM-dd'T'HH:mm:ss", false), ("yyyy-MM-dd'T'HH:mm:ss.SSS", false), ("yyyy-MM-dd'T'HH:mm", false),
        ("yyyy-MM-dd HH:mm:ss", false), ("yyyy-MM-dd HH:mm", false),
    ]

    /// `-15m` → -900; `now-2h` → -7200; `nil` if not relative.
    private static func relativeSeconds(_ text: String) -> TimeInterval? {
        var body = Substring(text.lowercased())
        if body.hasPrefix("now") { body = body.dropFirst(3) }
        guard body.first == "-" || body.first == "+", let unit = body.last else { return nil }
        let sign: Double = body.first == "-" ? -1 : 1
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86400
        default: return nil
        }
        guard let amount = Double(body.dropFirst().dropLast()), amount >= 0, amount.isFinite else { return nil }
        return sign * amount * scale
    }
}
