public import Foundation

/// ISO 8601 UTC times for messages, the audit log and the CLI.
public enum Timestamps {
    /// Milliseconds since 1970 of 0001-01-01T00:00:00Z through 9999-12-31T23:59:59.999Z: the
    /// times `format` writes with four-digit years, and the only ones a vault record may hold.
    public static let representableMilliseconds: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// `2026-11-29T08:00:00Z` (milliseconds shown only when present). A time outside years
    /// 1–9999 (only a damaged record can hold one) is written as seconds since 1970, marked.
    public static func format(_ date: Date) -> String {
        let scaled = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard scaled >= Double(representableMilliseconds.lowerBound), scaled <= Double(representableMilliseconds.upperBound) else {
            return "(out-of-range time: \(date.timeIntervalSince1970) s since 1970)"
        }
        let milliseconds = Int64(scaled)
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                          parts.tm_hour, parts.tm_min, parts.tm_sec)
        return fraction == 0 ? base + "Z" : base + String(format: ".%03dZ", fraction)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; `nil` if malformed.
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text) ?? withFraction.date(from: text)
    }
}
