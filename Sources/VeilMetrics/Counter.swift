import CoreMetrics
import Synchronization

/// A count that only goes up (frames, bytes, reconnects), for one label set of one metric.
///
/// Obtained once from ``MetricsRegistry/counter(_:help:labels:)`` and kept by the code that
/// counts, so an update is no lookup and no lock: a swift-metrics `Counter` whose handler is
/// swift-prometheus' counter (what a scrape renders), plus one relaxed atomic that keeps the
/// total readable in-process (``value``), which neither library offers. The registry keeps
/// it alive for as long as the registry lives.
public final class Counter: Sendable {
    private let exported: CoreMetrics.Counter
    private let count = Atomic<UInt64>(0)

    init(_ exported: CoreMetrics.Counter) {
        self.exported = exported
    }

    /// Adds `amount` (1 by default). A negative amount is a programmer error: counters never go down.
    public func increment(by amount: Int = 1) {
        precondition(amount >= 0, "a counter cannot decrease (got \(amount))")
        exported.increment(by: amount)
        count.wrappingAdd(UInt64(amount), ordering: .relaxed)
    }

    /// The current total.
    public var value: UInt64 { count.load(ordering: .relaxed) }
}

