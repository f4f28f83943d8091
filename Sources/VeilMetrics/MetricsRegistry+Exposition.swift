import Synchronization
import Prometheus

extension MetricsRegistry {
    /// The `Content-Type` of a rendered registry: Prometheus text format 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every metric in Prometheus text format 0.0.4, as swift-prometheus emits it, with the
    /// families sorted by name and the series sorted within a family, so two scrapes of the
    /// same values are byte-identical.
    public func render() -> String {
        Self.rendering.withLock { _ in
            for family in snapshot.values {
                for case .readCounter(let counter) in family.handles.values { counter.refresh() }
            }
            return String(decoding: ExpositionOrder.sorted(prometheus.emitToBuffer()), as: UTF8.self)
        }
    }

    /// One render at a time in the process, so a counter read at scrape time is never seen
    /// half-refreshed by a second scrape.
    private static let rendering = Mutex(())
}
