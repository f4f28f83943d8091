public import Foundation

/// Wall-clock time that never runs backwards, and notices when the wall clock is stepped: a value
/// type fed with readings of the wall clock and of a monotonic clock (seconds since any origin).
///
/// Catalog times, epoch choice, retention and the audit log all need a wall time. The system's
/// wall clock can be stepped (an operator, an NTP server that was far off, a virtual machine
/// resumed): a step forward is followed — later footage gets later times, and what has expired by
/// the new time is shredded at once; a step back is **not** followed: time keeps running from the
/// highest wall time seen, on the monotonic clock, until the wall clock reaches it again (a wrong
/// step undone; otherwise it stays ahead by the step until the recorder restarts, and the audit
/// log says so). So segment times never overlap earlier ones, and a key that expired can never
/// come back to life.
///
/// A step is a change of more than `stepThreshold` in the difference between the two clocks from
/// one reading to the next (NTP's slewing moves both clocks alike on Linux).
public struct SteadyWallTime: Sendable {
    /// The wall clock moved against the monotonic clock.
    public struct Step: Sendable, Equatable {
        /// What the wall clock would read had it not moved.
        public var expected: Date
        /// What it read.
        public var observed: Date
        public init(expected: Date, observed: Date) {
            self.expected = expected
            self.observed = observed
        }

        /// Seconds the wall clock moved: positive forward, negative backward.
        public var seconds: TimeInterval { observed.timeIntervalSince(expected) }
    }

    /// Moves of the wall clock against the monotonic clock up to this are not steps (default 2 s).
    public let stepThreshold: TimeInterval
    private var last: (wall: Date, monotonic: TimeInterval, time: Date)
    /// The highest wall-clock reading so far.
    public private(set) var highestWall: Date

    /// Starts from one reading of both clocks; `notBefore` (say, the newest time already in the
    /// catalog) is a floor for the times given out.
    public init(wall: Date, monotonic: TimeInterval, notBefore: Date? = nil, stepThreshold: TimeInterval = 2) {
        precondition(stepThreshold > 0, "a clock-step threshold must be positive")
        self.stepThreshold = stepThreshold
        let start = max(wall, notBefore ?? wall)
        last = (wall, monotonic, start)
        highestWall = wall
    }

    /// The time to use now, given this reading of both clocks, and the step the wall clock made
    /// since the last reading, if it made one.
    public mutating func read(wall: Date, monotonic: TimeInterval) -> (time: Date, step: Step?) {
        let elapsed = max(monotonic - last.monotonic, 0)
        let expectedWall = last.wall.addingTimeInterval(elapsed)
        let step = abs(wall.timeIntervalSince(expectedWall)) > stepThreshold ? Step(expected: expectedWall, observed: wall) : nil
        let time = max(wall, last.time.addingTimeInterval(elapsed))
        last = (wall, monotonic, time)
        highestWall = max(highestWall, wall)
        return (time, step)
    }
}
