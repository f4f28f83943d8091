extension MetricsRegistry {
    /// Every metric in Prometheus text format 0.0.4: families sorted by name, label sets
    /// sorted within a family, so two scrapes of the same values are byte-identical.
    public func render() -> String {
        var text = ""
        for (name, family) in snapshot.sorted(by: { $0.key < $1.key }) {
            text += "# HELP \(name) \(Exposition.escapeHelp(family.help))\n"
            text += "# TYPE \(name) \(family.kind.rawValue)\n"
            for (labels, handle) in family.handles.sorted(by: { $0.key < $1.key }) {
                switch handle {
                case .counter(let counter):
                    text += "\(name)\(Exposition.braces(labels)) \(counter.value)\n"
                case .secondsCounter(let counter):
                    text += "\(name)\(Exposition.braces(labels)) \(Exposition.number(counter.seconds))\n"
                case .readCounter(let read):
                    text += "\(name)\(Exposition.braces(labels)) \(Exposition.number(read()))\n"
                case .gauge(let gauge):
                    text += "\(name)\(Exposition.braces(labels)) \(Exposition.number(gauge.value))\n"
                case .histogram(let histogram):
                    text += Self.render(histogram.snapshot, name: name, labels: labels)
                }
            }
        }
        return text
    }

    private static func render(_ snapshot: Histogram.Snapshot, name: String, labels: String) -> String {
        var text = ""
        for (bound, count) in zip(snapshot.upperBounds, snapshot.cumulativeCounts) {
            let le = "le=\"\(Exposition.number(bound))\""
            text += "\(name)_bucket\(Exposition.braces(labels, adding: le)) \(count)\n"
        }
        text += "\(name)_bucket\(Exposition.braces(labels, adding: "le=\"+Inf\"")) \(snapshot.count)\n"
        text += "\(name)_sum\(Exposition.braces(labels)) \(Exposition.number(snapshot.sum))\n"
        text += "\(name)_count\(Exposition.braces(labels)) \(snapshot.count)\n"
        return text
    }
}
