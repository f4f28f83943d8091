public import Foundation
public import VeilCore

/// One subject's observation at one moment: people present (if it has that measure) and
/// the crossings counted since the previous observation.
public struct SubjectObservation: Sendable, Hashable {
    public var people: Int
    public var entries: Int
    public var exits: Int

    public init(people: Int = 0, entries: Int = 0, exits: Int = 0) {
        self.people = people
        self.entries = entries
        self.exits = exits
    }
}

/// Sums observations into fixed intervals aligned to the clock (an interval divides an
/// hour, so they start on the hour): mean and maximum people, entries and exits. When an
/// observation falls into a later interval, the finished one is handed back; intervals
/// without observations (the camera was down) produce nothing.
public struct IntervalAccumulator: Sendable {
    public let camera: String?
    public let subjects: [(subject: OccupancySubject, measures: OccupancyMeasures)]
    /// Seconds; must divide 3600.
    public let length: TimeInterval
    private var start: Date?
    private var tallies: [Tally]

    private struct Tally {
        var samples = 0, peopleSum = 0, maxPeople = 0, entries = 0, exits = 0
    }

    public init(camera: String?, subjects: [(subject: OccupancySubject, measures: OccupancyMeasures)], length: TimeInterval) {
        precondition(length > 0 && 3600.truncatingRemainder(dividingBy: length) == 0, "an interval divides an hour")
        self.camera = camera
        self.subjects = subjects
        self.length = length
        tallies = Array(repeating: Tally(), count: subjects.count)
    }

    /// The start of the interval holding `time`.
    public func intervalStart(_ time: Date) -> Date {
        Date(timeIntervalSince1970: (time.timeIntervalSince1970 / length).rounded(.down) * length)
    }

    /// Adds one observation per subject (in `subjects` order); returns the interval it
    /// finished, if `time` lies past it. A time before the current interval is taken as in it.
    public mutating func add(_ observations: [SubjectObservation], at time: Date) -> [IntervalFigures] {
        precondition(observations.count == subjects.count, "one observation per subject")
        var finished: [IntervalFigures] = []
        let slot = intervalStart(time)
        if let start, slot > start { finished = finish() }
        if start == nil { start = slot }
        for (index, observation) in observations.enumerated() {
            tallies[index].samples += 1
            tallies[index].peopleSum += observation.people
            tallies[index].maxPeople = max(tallies[index].maxPeople, observation.people)
            tallies[index].entries += observation.entries
            tallies[index].exits += observation.exits
        }
        return finished
    }

    /// Hands back the interval in progress (at shutdown: it holds what was seen of it).
    public mutating func finish() -> [IntervalFigures] {
        guard let start else { return [] }
        defer {
            self.start = nil
            tallies = Array(repeating: Tally(), count: subjects.count)
        }
        return zip(subjects, tallies).map { subject, tally in
            IntervalFigures(camera: camera, subject: subject.subject, measures: subject.measures, start: start,
                            end: start.addingTimeInterval(length),
                            meanPeople: tally.samples > 0 ? Double(tally.peopleSum) / Double(tally.samples) : 0,
                            maxPeople: tally.maxPeople, entries: tally.entries, exits: tally.exits)
        }
    }
}

extension CountingLayout {
    /// The subjects of a camera's layout: its zones (people), then its lines (crossings).
    public var subjects: [(subject: OccupancySubject, measures: OccupancyMeasures)] {
        zones.map { (.zone($0.name), .people) } + lines.map { (.line($0.name), .crossings) }
    }
}

extension FrameCount {
    /// One observation per subject of the layout, in ``CountingLayout/subjects`` order.
    public var observations: [SubjectObservation] {
        people.map { SubjectObservation(people: $0) }
            + zip(entries, exits).map { SubjectObservation(entries: $0, exits: $1) }
    }
}
