public import Foundation

/// One stored row of occupancy history: one camera's zone or line (or a building area),
/// one interval, with every figure below the minimum count coarsened. This is all Veil
/// keeps about people; it is what `veil occupancy` prints (JSON: exactly this encoding).
public struct OccupancyRecord: Sendable, Hashable {
    /// Nil for a building area.
    public var camera: String?
    public var subject: OccupancySubject
    public var start: Date
    public var end: Date
    /// Nil when the subject has no such measure (a line has no people, a zone no crossings).
    public var meanPeople: OccupancyFigure?
    public var maxPeople: OccupancyFigure?
    public var entries: OccupancyFigure?
    public var exits: OccupancyFigure?

    public init(camera: String?, subject: OccupancySubject, start: Date, end: Date, meanPeople: OccupancyFigure?,
                maxPeople: OccupancyFigure?, entries: OccupancyFigure?, exits: OccupancyFigure?) {
        self.camera = camera
        self.subject = subject
        self.start = start
        self.end = end
        self.meanPeople = meanPeople
        self.maxPeople = maxPeople
        self.entries = entries
        self.exits = exits
    }

    /// The figures as they may be stored: each one below `minimumCount` becomes "<N". The
    /// mean is kept to two decimals.
    public init(_ figures: IntervalFigures, minimumCount: Int) {
        func coarse(_ value: Double, _ applies: Bool) -> OccupancyFigure? {
            applies ? .coarsened(value, minimum: minimumCount) : nil
        }
        let people = figures.measures.hasPeople, crossings = figures.measures.hasCrossings
        self.init(camera: figures.camera, subject: figures.subject, start: figures.start, end: figures.end,
                  meanPeople: coarse((figures.meanPeople * 100).rounded() / 100, people),
                  maxPeople: coarse(Double(figures.maxPeople), people),
                  entries: coarse(Double(figures.entries), crossings), exits: coarse(Double(figures.exits), crossings))
    }
}

extension OccupancyRecord: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{camera, zone|line|area, start, end, meanPeople, maxPeople, entries, exits}`: times
    /// in ISO 8601 UTC, a coarsened figure as the string "<3", a figure that does not
    /// apply as null, and no `camera` for a building area.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        if let camera { try container.encode(camera, forKey: Key("camera")) }
        try container.encode(subject.name, forKey: Key(subject.kind))
        try container.encode(Self.timestamp(start), forKey: Key("start"))
        try container.encode(Self.timestamp(end), forKey: Key("end"))
        for (key, figure) in [("meanPeople", meanPeople), ("maxPeople", maxPeople), ("entries", entries), ("exits", exits)] {
            if let figure { try container.encode(figure, forKey: Key(key)) } else { try container.encodeNil(forKey: Key(key)) }
        }
    }

    /// `2026-12-02T10:05:00Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
