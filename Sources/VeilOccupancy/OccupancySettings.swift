public import Foundation

/// A camera's zone or line named from outside the camera: `camera/name` in `veil.yaml`.
public struct CountingReference: Sendable, Hashable, CustomStringConvertible {
    public var camera: String
    public var name: String

    public init(camera: String, name: String) {
        self.camera = camera
        self.name = name
    }

    /// `lobby/door` → (lobby, door); nil unless exactly one '/' separates two non-empty parts.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(camera: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(camera)/\(name)" }
}

/// A local time of day, `HH:MM`.
public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        precondition((0..<24).contains(hour) && (0..<60).contains(minute), "a time of day")
        self.hour = hour
        self.minute = minute
    }

    /// `21:30`; nil unless it is HH:MM with HH 00–23 and MM 00–59.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String { String(format: "%02d:%02d", hour, minute) }
}

/// A building total: the people in several cameras' zones added up, or the running balance
/// of entries minus exits on door lines, set back to zero every day at `closingTime` because
/// every missed or doubled crossing stays in the balance until then (drift).
public struct OccupancyArea: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case zones([CountingReference])
        case lines([CountingReference])
    }

    public var name: String
    public var source: Source
    /// When the line balance goes back to zero (local time). Default midnight.
    public var closingTime: TimeOfDay

    public init(name: String, source: Source, closingTime: TimeOfDay = TimeOfDay(hour: 0, minute: 0)) {
        self.name = name
        self.source = source
        self.closingTime = closingTime
    }
}

/// `occupancy:` at the top of `veil.yaml`: how counts are kept.
public struct OccupancySettings: Sendable, Hashable {
    /// Length of a stored interval in seconds; divides an hour. Default 5 min.
    public var interval: TimeInterval
    /// Any stored figure below this is kept only as "<N". Default 3.
    public var minimumCount: Int
    /// How long stored intervals are kept, in seconds. Default 365 days.
    public var retention: TimeInterval
    public var areas: [OccupancyArea]

    public init(interval: TimeInterval = 300, minimumCount: Int = 3, retention: TimeInterval = 365 * 86_400,
                areas: [OccupancyArea] = []) {
        self.interval = interval
        self.minimumCount = minimumCount
        self.retention = retention
        self.areas = areas
    }

    /// Whole seconds, at least 1, dividing 3600: intervals then start on the hour.
    public static func isValidInterval(_ seconds: TimeInterval) -> Bool {
        seconds >= 1 && seconds <= 3600 && seconds.rounded() == seconds && 3600.truncatingRemainder(dividingBy: seconds) == 0
    }
}
