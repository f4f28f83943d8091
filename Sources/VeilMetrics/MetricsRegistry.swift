import CoreMetrics
import Prometheus
import Synchronization

/// All of a process's metrics, rendered together for a Prometheus scrape.
///
/// A swift-prometheus `PrometheusCollectorRegistry` holds and renders the series; the handles
/// (``Counter``, ``Gauge``, ``Histogram``, ``SecondsCounter``) are swift-metrics types over its
/// collectors, made with this registry's own factory rather than the process-global one, so
/// two registries (two tests) never share a series. Registration (at start-up, per camera)
/// takes a lock and checks names; the hot path keeps the handle and updates it without any
/// lookup. Asking again for the same name and labels returns the same handle, so a camera
/// pipeline that is rebuilt after a reconnect keeps counting where it left off.
///
/// Names, label names, help texts and buckets are fixed by the code, so a clash between two
/// registrations (another type, help, label names or buckets under one name) is a programmer
/// error and traps. Label *values* are free text (camera names) and are escaped on output.
public final class MetricsRegistry: Sendable {
    enum Kind: String, Sendable { case counter, gauge, histogram }

    enum Handle: Sendable {
        case counter(Counter)
        case secondsCounter(SecondsCounter)
        case readCounter(ReadCounter)
        case gauge(Gauge)
        case histogram(Histogram)
    }

    /// One metric name: its type, help and the handles of its label sets.
    struct Family: Sendable {
        let kind: Kind
        let help: String
        let labelNames: [String]
        let upperBounds: [Double]
        /// Keyed by the label names and values, alternating, names sorted.
        var handles: [[String]: Handle] = [:]
    }

    /// Where every series lives and what ``render()`` emits.
    let prometheus = PrometheusCollectorRegistry()
    /// Destroys handles in `prometheus` when swift-metrics asks; nothing here destroys any.
    let factory: PrometheusMetricsFactory
    private let families = Mutex<[String: Family]>([:])

    public init() {
        factory = PrometheusMetricsFactory(registry: prometheus)
    }

    /// The counter `name` for `labels`, created at zero on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        guard case .counter(let counter) = handle(name, .counter, help: help, labels: labels, make: { descriptor, labels in
            let exported = prometheus.makeCounter(descriptor: descriptor, labels: labels)
            return .counter(Counter(CoreMetrics.Counter(label: name, dimensions: labels, handler: exported, factory: factory)))
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter") }
        return counter
    }

    /// The counter of seconds `name` for `labels` (CPU time), created at zero on first use.
    public func secondsCounter(_ name: String, help: String, labels: [String: String] = [:]) -> SecondsCounter {
        guard case .secondsCounter(let counter) = handle(name, .counter, help: help, labels: labels, make: {
            .secondsCounter(SecondsCounter(floatingPointCounter(name, $0, $1)))
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter of seconds") }
        return counter
    }

    /// The counter `name` for `labels`, whose value `read` returns at each scrape: for totals
    /// something else keeps, such as the process's CPU time. The first registration's `read` stays.
    public func counter(_ name: String, help: String, labels: [String: String] = [:],
                        read: @escaping @Sendable () -> Double) {
        guard case .readCounter = handle(name, .counter, help: help, labels: labels, make: {
            .readCounter(ReadCounter(floatingPointCounter(name, $0, $1), read: read))
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter read at each scrape") }
    }

    /// The gauge `name` for `labels`, created at zero on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        guard case .gauge(let gauge) = handle(name, .gauge, help: help, labels: labels, make: { descriptor, labels in
            let exported = prometheus.makeGauge(descriptor: descriptor, labels: labels)
            return .gauge(Gauge(Meter(label: name, dimensions: labels, handler: exported, factory: factory)))
        }) else { preconditionFailure("unreachable: \(name) is registered as a gauge") }
        return gauge
    }

    /// The histogram `name` for `labels` with finite, strictly ascending `buckets` (the `+Inf`
    /// bucket is implicit), created empty on first use. `le` is reserved for the buckets.
    public func histogram(_ name: String, help: String, labels: [String: String] = [:],
                          buckets: [Double] = Histogram.latencyBuckets) -> Histogram {
        precondition(!buckets.isEmpty && buckets.allSatisfy(\.isFinite) && zip(buckets, buckets.dropFirst()).allSatisfy(<),
                     "histogram \(name): buckets must be finite and strictly ascending, got \(buckets)")
        precondition(labels["le"] == nil, "histogram \(name): the label 'le' is reserved for buckets")
        guard case .histogram(let histogram) = handle(name, .histogram, help: help, labels: labels, upperBounds: buckets,
                                                      make: { descriptor, labels in
            let exported = prometheus.makeValueHistogram(descriptor: descriptor, labels: labels, buckets: buckets)
            let recorder = Recorder(label: name, dimensions: labels, aggregate: true, handler: exported, factory: factory)
            return .histogram(Histogram(recorder, upperBounds: buckets))
        }) else { preconditionFailure("unreachable: \(name) is registered as a histogram") }
        return histogram
    }

    /// A copy of every family, for reading outside the lock.
    var snapshot: [String: Family] { families.withLock { $0 } }

    private func floatingPointCounter(_ name: String, _ descriptor: MetricNameDescriptor,
                                      _ labels: [(String, String)]) -> FloatingPointCounter {
        let exported = prometheus.makeCounter(descriptor: descriptor, labels: labels)
        return FloatingPointCounter(label: name, dimensions: labels, handler: exported, factory: factory)
    }

    /// The handle of `name` and `labels`, made by `make` (with the metric's descriptor and its
    /// labels sorted by name) the first time.
    private func handle(_ name: String, _ kind: Kind, help: String, labels: [String: String], upperBounds: [Double] = [],
                        make: (MetricNameDescriptor, [(String, String)]) -> Handle) -> Handle {
        // swift-prometheus would quietly rewrite a bad name; here it is the programmer's mistake.
        precondition(MetricName.isValidMetricName(name), "'\(name)' is not a valid Prometheus metric name")
        let sorted = labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let labelNames = sorted.map(\.0)
        for label in labelNames {
            precondition(MetricName.isValidLabelName(label), "metric \(name): '\(label)' is not a valid label name")
        }
        let key = sorted.flatMap { [$0.0, $0.1] }
        return families.withLock { families in
            var family = families[name] ?? Family(kind: kind, help: help, labelNames: labelNames, upperBounds: upperBounds)
            precondition(family.kind == kind && family.help == help && family.labelNames == labelNames
                         && family.upperBounds == upperBounds,
                         "metric \(name) registered twice differently: \(family.kind) \(family.labelNames) "
                         + "'\(family.help)' vs \(kind) \(labelNames) '\(help)'")
            if let existing = family.handles[key] { return existing }
            let created = make(MetricNameDescriptor(metricName: name, unitName: "", helpText: help), sorted)
            family.handles[key] = created
            families[name] = family
            return created
        }
    }
}
