import VeilCore

/// What the counter found in one frame: people per zone (in layout order) and the
/// crossings counted on it, per line (in layout order).
public struct FrameCount: Sendable, Hashable {
    public var people: [Int]
    public var entries: [Int]
    public var exits: [Int]

    public init(people: [Int], entries: [Int], exits: [Int]) {
        self.people = people
        self.entries = entries
        self.exits = exits
    }
}

/// Counts one camera's people from its person tracks, frame by frame, with nothing kept
/// about anyone beyond the tracks alive in the current frame (their side of each line).
///
/// A track counts once it has `confirmationHits` matched detections, so a one-off false
/// detection is nobody; crossings it made before that are held and counted on confirmation.
public struct OccupancyCounter: Sendable {
    public let layout: CountingLayout
    /// Detections a track needs before it counts. Default 3 (≈ 0.4 s at the default cadence).
    public let confirmationHits: Int
    /// Half-width of the band around each line, as a fraction of the person's box height.
    /// Default 0.15 (a 170 px person: 25 px either side of the line).
    public let hysteresis: Double
    private var placedFor: Size?
    private var zones: [Polygon] = []
    private var lines: [PlacedLine] = []
    private var memory: [Int: TrackMemory] = [:]
    private var lastIndex: Int?

    private struct TrackMemory {
        var sides: [LineCrossingState]
        var held: [(line: Int, crossing: LineCrossing)] = []
    }

    public init(layout: CountingLayout, confirmationHits: Int = 3, hysteresis: Double = 0.15) {
        self.layout = layout
        self.confirmationHits = confirmationHits
        self.hysteresis = hysteresis
    }

    public mutating func count(_ frame: FrameSample) -> FrameCount {
        place(for: frame.size)
        if let lastIndex, frame.index <= lastIndex { memory = [:] }
        lastIndex = frame.index
        var result = FrameCount(people: Array(repeating: 0, count: zones.count),
                                entries: Array(repeating: 0, count: lines.count), exits: Array(repeating: 0, count: lines.count))
        var alive: [Int: TrackMemory] = [:]
        for track in frame.tracks {
            var state = memory[track.id] ?? TrackMemory(sides: Array(repeating: LineCrossingState(), count: lines.count))
            let band = hysteresis * track.height
            // Between detections a track is only the tracker's extrapolation, which carries on
            // walking after someone stopped or was hidden: it never crosses a line.
            for index in lines.indices where track.isObserved {
                if let crossing = state.sides[index].observe(track.foot, band: band, on: lines[index]) {
                    state.held.append((index, crossing))
                }
            }
            if track.hits >= confirmationHits {
                for (line, crossing) in state.held {
                    if crossing == .entry { result.entries[line] += 1 } else { result.exits[line] += 1 }
                }
                state.held = []
                for index in zones.indices where zones[index].contains(track.foot) { result.people[index] += 1 }
            }
            alive[track.id] = state
        }
        // A track missing from this frame has ended: what was known of it goes with it.
        memory = alive
        return result
    }

    private mutating func place(for size: Size) {
        guard placedFor != size else { return }
        placedFor = size
        zones = layout.zones.map { zone in
            Polygon(zone.polygon.points.map { Point(x: $0.x * size.width, y: $0.y * size.height) })
        }
        lines = layout.lines.map { PlacedLine($0, frame: size) }
        memory = [:]
    }
}
