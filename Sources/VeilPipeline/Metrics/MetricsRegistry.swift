import Synchronization

/// All of a process's metrics, rendered together for a Prometheus scrape.
///
/// Registration (at start-up, per camera) takes a lock and checks names; it returns a handle
/// (``Counter``, ``Gauge``, ``Histogram``) that the hot path keeps and updates without any
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
        /// A counter kept elsewhere (by the kernel), read at each scrape.
        case readCounter(@Sendable () -> Double)
        case gauge(Gauge)
        case histogram(Histogram)
    }

    /// One metric name: its type, help and the handles of its label sets.
    struct Family: Sendable {
        let kind: Kind
        let help: String
        let labelNames: [String]
        let upperBounds: [Double]
        /// Keyed by the rendered label set (`camera="a",stage="b"`, names sorted), which is
        /// also the stable order of the output.
        var handles: [String: Handle] = [:]
    }

    private let families = Mutex<[String: Family]>([:])

    public init() {}

    /// The counter `name` for `labels`, created at zero on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        guard case .counter(let counter) = handle(name, .counter, help: help, labels: labels, upperBounds: [], make: {
            .counter(Counter())
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter") }
        return counter
    }

    /// The counter of seconds `name` for `labels` (CPU time), created at zero on first use.
    public func secondsCounter(_ name: String, help: String, labels: [String: String] = [:]) -> SecondsCounter {
        guard case .secondsCounter(let counter) = handle(name, .counter, help: help, labels: labels, upperBounds: [], make: {
            .secondsCounter(SecondsCounter())
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter of seconds") }
        return counter
    }

    /// The counter `name` for `labels`, whose value `read` returns at each scrape: for totals
    /// something else keeps, such as the process's CPU time. The first registration's `read` stays.
    public func counter(_ name: String, help: String, labels: [String: String] = [:],
                        read: @escaping @Sendable () -> Double) {
        guard case .readCounter = handle(name, .counter, help: help, labels: labels, upperBounds: [], make: {
            .readCounter(read)
        }) else { preconditionFailure("unreachable: \(name) is registered as a counter read at each scrape") }
    }

    /// The gauge `name` for `labels`, created at zero on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        guard case .gauge(let gauge) = handle(name, .gauge, help: help, labels: labels, upperBounds: [], make: {
            .gauge(Gauge())
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
        guard case .histogram(let histogram) = handle(name, .histogram, help: help, labels: labels, upperBounds: buckets, make: {
            .histogram(Histogram(upperBounds: buckets))
        }) else { preconditionFailure("unreachable: \(name) is registered as a histogram") }
        return histogram
    }

    /// A copy of every family, for rendering outside the lock.
    var snapshot: [String: Family] { families.withLock { $0 } }

    private func handle(_ name: String, _ kind: Kind, help: String, labels: [String: String], upperBounds: [Double],
                        make: () -> Handle) -> Handle {
        precondition(MetricName.isValidMetricName(name), "'\(name)' is not a valid Prometheus metric name")
        let labelNames = labels.keys.sorted()
        for label in labelNames {
            precondition(MetricName.isValidLabelName(label), "metric \(name): '\(label)' is not a valid label name")
        }
        let key = Exposition.labelSet(labels.sorted { $0.key < $1.key })
        return families.withLock { families in
            var family = families[name] ?? Family(kind: kind, help: help, labelNames: labelNames, upperBounds: upperBounds)
            precondition(family.kind == kind && family.help == help && family.labelNames == labelNames
                         && family.upperBounds == upperBounds,
                         "metric \(name) registered twice differently: \(family.kind) \(family.labelNames) "
                         + "'\(family.help)' vs \(kind) \(labelNames) '\(help)'")
            if let existing = family.handles[key] { return existing }
            let created = make()
            family.handles[key] = created
            families[name] = family
            return created
        }
    }
}
