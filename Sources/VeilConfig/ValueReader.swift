import Foundation
import Yams

/// Reads single YAML values of an expected kind. Each method reports a problem at the
/// value's path and line and returns nil when the value does not fit, so that the caller
/// keeps its default and parsing goes on to find the next problem.
struct ValueReader {
    let problems: ProblemCollector

    /// Any scalar, as written (a password of digits is still a password).
    func text(_ node: Node, _ path: String, secret: Bool = false, expected: String = "a text value") -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else {
            problems.add(path, "expected \(expected), got \(secret ? "something else" : describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(node, path, expected: "a whole number") else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            problems.add(path, "expected a whole number, got \(describe(node))", at: node)
            return nil
        }
        return checked(value, in: range, node, path)
    }

    func double(_ node: Node, _ path: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = text(node, path, expected: "a number") else { return nil }
        guard let value = Double(text), value.isFinite else {
            problems.add(path, "expected a number, got \(describe(node))", at: node)
            return nil
        }
        return checked(value, in: range, node, path)
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = text(node, path, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problems.add(path, "expected true or false, got \(describe(node))", at: node)
            return nil
        }
    }

    /// One of an enum's raw values, listing them all when the value is none of them.
    func choice<Choice: CaseIterable & RawRepresentable<String>>(_ node: Node, _ path: String, _ type: Choice.Type) -> Choice? {
        let names = Choice.allCases.map(\.rawValue)
        guard let text = text(node, path, expected: "one of \(names.joined(separator: ", "))") else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let hint = KeySuggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        problems.add(path, "\(describe(node)) is not one of \(names.joined(separator: ", "))\(hint)", at: node)
        return nil
    }

    /// A duration such as `90s`, `30m`, `24h`, `30d` or `1h30m`, in seconds; must be positive
    /// unless `allowZero`.
    func duration(_ node: Node, _ path: String, allowZero: Bool = false) -> Double? {
        guard let text = text(node, path, expected: "a duration such as 24h") else { return nil }
        guard let seconds = Quantity.seconds(in: text) else {
            problems.add(path, "\(describe(node)) is not a duration: write a number with a unit, like 90s, 30m, 24h or 30d", at: node)
            return nil
        }
        if seconds < 0 || (!allowZero && seconds == 0) {
            problems.add(path, "must be \(allowZero ? "zero or more" : "positive"), got \(describe(node))", at: node)
            return nil
        }
        // Beyond this a duration is a typo; the vault could not even write such a time down.
        guard seconds <= Quantity.maximumSeconds else {
            problems.add(path, "must be at most 100 years (36500d), got \(describe(node))", at: node)
            return nil
        }
        return seconds
    }

    /// A size such as `500GB`, `10GiB` or a plain number of bytes; must be positive.
    func byteCount(_ node: Node, _ path: String) -> Int64? {
        guard let text = text(node, path, expected: "a size such as 500GB") else { return nil }
        guard let bytes = Quantity.bytes(in: text) else {
            problems.add(path, "\(describe(node)) is not a size: write a number with a unit, like 500GB or 10GiB", at: node)
            return nil
        }
        guard bytes > 0 else {
            problems.add(path, "must be positive, got \(describe(node))", at: node)
            return nil
        }
        return bytes
    }

    private func checked<Value: Comparable>(_ value: Value, in range: ClosedRange<Value>, _ node: Node, _ path: String) -> Value? {
        if range.contains(value) { return value }
        problems.add(path, "must be \(RangeText.describe(range)), got \(describe(node))", at: node)
        return nil
    }
}

/// How a value appears in a message: scalars quoted, collections by kind.
func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar) where node.null != nil && scalar.string.isEmpty: "nothing"
    case .scalar(let scalar): "'" + (scalar.string.count > 80 ? scalar.string.prefix(77) + "..." : scalar.string) + "'"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
}

enum RangeText {
    static func describe<Value: Comparable>(_ range: ClosedRange<Value>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case let (low as Int, high as Int) where high == Int.max: "at least \(low)"
        case let (low as Double, high as Double): "between \(number(low)) and \(number(high))"
        default: "between \(range.lowerBound) and \(range.upperBound)"
        }
    }

    /// `1` rather than `1.0`, as a user would write it.
    private static func number(_ value: Double) -> String {
        value.rounded() == value && value.magnitude < 1e15 ? String(Int(value)) : String(value)
    }
}
