import CoreMetrics
import Synchronization

/// A value that goes up and down (queue depth, frames per second, bytes stored), for one
/// label set of one metric.
///
/// A swift-metrics `Meter` (the swift-metrics type that can both be set and moved by an
/// amount) over swift-prometheus' gauge, plus the value kept as its bit pattern in an atomic
/// word for in-process reads (``value``): `set` is a single store and `increment` a
/// compare-and-swap loop in each, so stage threads never wait on a scrape. The registry keeps
/// it alive for as long as the registry lives.
public final class Gauge: Sendable {
    private let exported: Meter
    private let bits = Atomic<UInt64>(0.0.bitPattern)

    init(_ exported: Meter) {
        self.exported = exported
    }

    /// Replaces the value.
    public func set(_ value: Double) {
        exported.set(value)
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Replaces the value with a count (a queue's depth, a byte total).
    public func set(_ value: Int) { set(Double(value)) }

    /// Adds `amount` (1 by default; negative to go down).
    public func increment(by amount: Double = 1) {
        exported.increment(by: amount)
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Subtracts `amount` (1 by default).
    public func decrement(by amount: Double = 1) { increment(by: -amount) }

    /// The current value.
    public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }
}
