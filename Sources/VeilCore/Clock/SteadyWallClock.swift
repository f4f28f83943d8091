public import Foundation

/// The clock the recorder and its sweeper read: `SteadyWallTime` over a wall clock (the system's,
/// or a test's) and the monotonic clock, safe to share between threads. Each step of the wall
/// clock is reported once to `onStep` (the recorder audits it), outside the clock's lock.
public final class SteadyWallClock: WallClock, @unchecked Sendable {
    private let wall: any WallClock
    private let monotonic: @Sendable () -> TimeInterval
    private let lock = NSLock()
    private var time: SteadyWallTime
    private var onStep: (@Sendable (SteadyWallTime.Step, Date) -> Void)?

    /// - Parameters:
    ///   - wall: the wall clock to follow (forward only).
    ///   - notBefore: a floor for the times given out (the newest time already recorded).
    ///   - stepThreshold: moves against the monotonic clock up to this are not steps.
    ///   - monotonic: seconds on a clock that is never stepped (default: the system's monotonic clock).
    public init(wall: any WallClock = SystemWallClock(), notBefore: Date? = nil, stepThreshold: TimeInterval = 2,
                monotonic: @escaping @Sendable () -> TimeInterval = SteadyWallClock.systemMonotonic) {
        self.wall = wall
        self.monotonic = monotonic
        time = SteadyWallTime(wall: wall.now(), monotonic: monotonic(), notBefore: notBefore, stepThreshold: stepThreshold)
    }

    /// Seconds on the system's monotonic clock.
    @Sendable public static func systemMonotonic() -> TimeInterval {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return TimeInterval(spec.tv_sec) + TimeInterval(spec.tv_nsec) / 1e9
    }

    /// Called with each step and the time given out at that reading.
    public func onStep(_ report: @escaping @Sendable (SteadyWallTime.Step, Date) -> Void) {
        lock.withLock { onStep = report }
    }

    public func now() -> Date {
        let reading = wall.now(), seconds = monotonic()
        let (result, report) = lock.withLock { () -> ((time: Date, step: SteadyWallTime.Step?), (@Sendable (SteadyWallTime.Step, Date) -> Void)?) in
            (time.read(wall: reading, monotonic: seconds), onStep)
        }
        if let step = result.step { report?(step, result.time) }
        return result.time
    }

    /// The highest wall-clock reading so far.
    public var highestWall: Date { lock.withLock { time.highestWall } }

    /// The time of a moment `ago` seconds before now (a packet's arrival, say).
    public func time(secondsAgo ago: TimeInterval) -> Date { now().addingTimeInterval(-max(ago, 0)) }
}
