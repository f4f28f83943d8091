/// Prometheus text exposition format 0.0.4: escaping, number spelling and label sets.
/// https://prometheus.io/docs/instrumenting/exposition_formats/
enum Exposition {
    /// The `Content-Type` of a rendered registry.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `# HELP` text: backslash and line feed are escaped.
    static func escapeHelp(_ text: String) -> String { escape(text, quote: false) }

    /// Label values: backslash, double quote and line feed are escaped.
    static func escapeLabelValue(_ text: String) -> String { escape(text, quote: true) }

    /// Works on Unicode scalars, not Characters: "\r\n" is one Character in Swift and would
    /// slip past a `case "\n"` unescaped, ending the line mid-sample.
    private static func escape(_ text: String, quote: Bool) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: #"\\"#.unicodeScalars)
            case "\n": escaped.append(contentsOf: #"\n"#.unicodeScalars)
            case "\"" where quote: escaped.append(contentsOf: #"\""#.unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// `a="1",b="2"` in the given order, without braces; empty for no labels.
    static func labelSet(_ labels: [(key: String, value: String)]) -> String {
        labels.map { "\($0.key)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",")
    }

    /// `{labels}`, `{labels,extra}` or nothing at all when both are empty.
    static func braces(_ labelSet: String, adding extra: String = "") -> String {
        let inner = [labelSet, extra].filter { !$0.isEmpty }.joined(separator: ",")
        return inner.isEmpty ? "" : "{\(inner)}"
    }

    /// Whole numbers without a fraction (`10`, not `10.0`), others in Swift's shortest
    /// round-trip form (`0.005`, `1e-05`), which Prometheus' float parser reads back exactly.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
