import VeilCore
/// The recorder's metrics in one place: process-wide series here, per-camera series in
/// ``CameraMetrics``. The daemon makes one, hands ``registry`` to the ``MetricsEndpoint`` and
/// each camera pipeline its ``camera(_:)``.
public final class RecorderMetrics: Sendable {
    /// Which of a camera's two outputs a series is about.
    public enum SegmentKind: String, Sendable, CaseIterable {
        /// Sealed original stream (`.veilraw`).
        case raw
        /// Redacted MP4.
        case redacted
    }

    /// Holds every series; what the ``MetricsEndpoint`` renders.
    public let registry: MetricsRegistry
    /// `veil_epochs_shredded_total`: retention epochs whose key was destroyed.
    public let epochsShredded: Counter
    /// `veil_storage_free_bytes`: free space on the data directory's file system.
    public let storageFreeBytes: Gauge
    /// `veil_storage_shortfall_bytes`: how far the archive is still over its limits after
    /// freeing everything it may (0 normally; anything else needs an operator).
    public let storageShortfallBytes: Gauge
    private let storage: [SegmentKind: Gauge]

    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        epochsShredded = registry.counter("veil_epochs_shredded_total",
                                          help: "Retention epochs crypto-shredded (their raw segments became unreadable).")
        storageFreeBytes = registry.gauge("veil_storage_free_bytes", help: "Free space on the data directory's file system.")
        storageShortfallBytes = registry.gauge("veil_storage_shortfall_bytes",
                                               help: "Bytes still over the storage limits after freeing all that may go.")
        // The standard name every Prometheus client exports, so dashboards find it.
        registry.counter("process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.") {
            CPUTime.process.inSeconds
        }
        storage = Dictionary(uniqueKeysWithValues: SegmentKind.allCases.map {
            ($0, registry.gauge("veil_storage_bytes", help: "Bytes of stored segments, by kind.", labels: ["kind": $0.rawValue]))
        })
    }

    /// `veil_storage_bytes{kind}`.
    public func storageBytes(_ kind: SegmentKind) -> Gauge { storage[kind]! }

    /// The metrics of camera `name`, registered on first use; the same handles on every call.
    public func camera(_ name: String) -> CameraMetrics {
        CameraMetrics(camera: name, registry: registry)
    }
}
