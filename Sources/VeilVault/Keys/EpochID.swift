public import Foundation

/// An epoch's identifier: its UTC start time as `yyyyMMddTHHmmssZ` (for example
/// `20261129T080000Z`). Sorts chronologically and is safe as a file name.
public struct EpochID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// `nil` unless `rawValue` has the `yyyyMMddTHHmmssZ` form.
    public init?(rawValue: String) {
        guard EpochID.parse(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// The epoch starting at `start` (whole seconds, UTC).
    init(start: Date) {
        var seconds = time_t(floor(start.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        rawValue = String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                          parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// The start time the identifier names.
    public var start: Date { EpochID.parse(rawValue)! }
    public var description: String { rawValue }
    public static func < (lhs: EpochID, rhs: EpochID) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for c in chars[range] {
                guard (0x30...0x39).contains(c) else { return nil }
                value = value * 10 + Int32(c - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900; parts.tm_mon = month - 1; parts.tm_mday = day
        parts.tm_hour = hour; parts.tm_min = minute; parts.tm_sec = second
        let seconds = timegm(&parts)
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return EpochID(start: date).rawValue == text ? date : nil
    }
}

/// Epoch boundaries: epochs are aligned to multiples of the epoch length since the Unix epoch.
enum EpochWindow {
    static func start(containing time: Date, length: TimeInterval) -> Date {
        Date(timeIntervalSince1970: floor(time.timeIntervalSince1970 / length) * length)
    }
}
