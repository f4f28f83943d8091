public import VeilCore

/// Which side of a counting line is "inside", as seen on the picture by someone walking
/// along the line from its `from` point to its `to` point.
public enum LineSide: String, Sendable, Hashable, CaseIterable {
    case left, right
}

/// A zone whose people are counted: a person is in it while the bottom centre of their
/// track (where their feet are) lies inside `polygon`.
public struct CountingZone: Sendable, Hashable {
    /// Unique among the camera's zones and lines; used in metrics, reports and areas.
    public var name: String
    /// Vertices as fractions of the frame's width and height (0–1), so the same zone fits
    /// any resolution the camera is switched to.
    public var polygon: Polygon
    /// How many people the room may hold; nil when no limit is watched.
    public var capacity: Int?

    public init(name: String, polygon: Polygon, capacity: Int? = nil) {
        self.name = name
        self.polygon = polygon
        self.capacity = capacity
    }
}

/// A line across a path: crossing it towards `inside` counts an entry, the other way an exit.
public struct CountingLine: Sendable, Hashable {
    public var name: String
    /// End points as fractions of the frame's width and height (0–1).
    public var from: Point
    public var to: Point
    public var inside: LineSide

    public init(name: String, from: Point, to: Point, inside: LineSide) {
        self.name = name
        self.from = from
        self.to = to
        self.inside = inside
    }
}

/// What one camera counts (`occupancy:` under the camera in `veil.yaml`).
public struct CountingLayout: Sendable, Hashable {
    public var zones: [CountingZone]
    public var lines: [CountingLine]

    public init(zones: [CountingZone] = [], lines: [CountingLine] = []) {
        self.zones = zones
        self.lines = lines
    }

    public var isEmpty: Bool { zones.isEmpty && lines.isEmpty }
}
