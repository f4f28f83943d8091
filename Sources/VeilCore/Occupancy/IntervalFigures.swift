public import Foundation

/// What a stored figure is about.
public enum OccupancySubject: Sendable, Hashable {
    case zone(String)
    case line(String)
    /// A building area: zones or lines of several cameras taken together.
    case area(String)

    public var name: String {
        switch self {
        case .zone(let name), .line(let name), .area(let name): name
        }
    }

    /// `zone`, `line` or `area`: the catalog's kind column and the report's key.
    public var kind: String {
        switch self {
        case .zone: "zone"
        case .line: "line"
        case .area: "area"
        }
    }
}

/// Which figures a subject has: people present (zones), crossings (lines), or both (an
/// area counted on door lines: people is entries minus exits so far).
public enum OccupancyMeasures: String, Sendable, Hashable, CaseIterable {
    case people, crossings, both

    public var hasPeople: Bool { self != .crossings }
    public var hasCrossings: Bool { self != .people }
}

/// The exact figures of one subject over one interval, in memory only: they are coarsened
/// (``OccupancyRecord``) before they are stored.
public struct IntervalFigures: Sendable, Hashable {
    /// Nil for a building area.
    public var camera: String?
    public var subject: OccupancySubject
    public var measures: OccupancyMeasures
    public var start: Date
    public var end: Date
    /// Mean people present over the frames of the interval.
    public var meanPeople: Double
    public var maxPeople: Int
    public var entries: Int
    public var exits: Int

    public init(camera: String?, subject: OccupancySubject, measures: OccupancyMeasures, start: Date, end: Date,
                meanPeople: Double = 0, maxPeople: Int = 0, entries: Int = 0, exits: Int = 0) {
        self.camera = camera
        self.subject = subject
        self.measures = measures
        self.start = start
        self.end = end
        self.meanPeople = meanPeople
        self.maxPeople = maxPeople
        self.entries = entries
        self.exits = exits
    }
}
