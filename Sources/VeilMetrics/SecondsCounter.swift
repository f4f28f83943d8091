import CoreMetrics
import Synchronization
import VeilCore

/// A running total of seconds that only goes up (CPU time spent on one job), for one label
/// set of one metric.
///
/// A swift-metrics `FloatingPointCounter` over swift-prometheus' counter, which renders it in
/// seconds, the unit Prometheus expects of a `_seconds_total`; plus whole nanoseconds in an
/// atomic word for exact in-process reads (``seconds``). The registry keeps it alive for as
/// long as the registry lives.
public final class SecondsCounter: Sendable {
    private let exported: FloatingPointCounter
    private let nanoseconds = Atomic<UInt64>(0)

    init(_ exported: FloatingPointCounter) {
        self.exported = exported
    }

    /// Adds `duration`. A negative duration is a programmer error: counters never go down.
    public func add(_ duration: Duration) {
        precondition(duration >= .zero, "a counter cannot decrease (got \(duration))")
        exported.increment(by: duration.inSeconds)
        let (seconds, attoseconds) = duration.components
        nanoseconds.wrappingAdd(UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000), ordering: .relaxed)
    }

    /// Runs `body` and adds the CPU time the calling thread spent in it (not the wall time:
    /// a thread that waits or is preempted costs nothing).
    public func addThreadCPUTime<Result>(of body: () throws -> Result) rethrows -> Result {
        let start = CPUTime.currentThread
        defer { add(CPUTime.currentThread - start) }
        return try body()
    }

    /// The current total in seconds.
    public var seconds: Double { Double(nanoseconds.load(ordering: .relaxed)) / 1e9 }
}
