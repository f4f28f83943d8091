import CoreMetrics

/// A counter kept elsewhere (process CPU time, by the kernel) and read at each scrape: the one
/// kind of series swift-prometheus has no collector for, so ``MetricsRegistry/render()`` copies
/// the value into a plain counter just before emitting.
final class ReadCounter: Sendable {
    private let exported: FloatingPointCounter
    private let read: @Sendable () -> Double

    init(_ exported: FloatingPointCounter, read: @escaping @Sendable () -> Double) {
        self.exported = exported
        self.read = read
    }

    /// Sets the exported counter to what `read` returns now. Only the registry's render lock
    /// calls it, so no scrape sees the moment between reset and increment.
    func refresh() {
        exported.reset()
        exported.increment(by: max(0, read()))
    }
}
