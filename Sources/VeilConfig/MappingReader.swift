import Yams

/// Reads the keys of one YAML mapping, remembering which keys were asked for, so that
/// `finish()` can report every key nobody asked for as unknown (Codable would silently
/// ignore it, and a misspelt `stalenessFrame:` would leave a privacy setting at its default).
final class MappingReader {
    let path: String
    let node: Node
    let values: ValueReader
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var knownKeys: [String] = []

    /// Nil (with a problem reported) if `node` is not a mapping. A null value (`key:` with
    /// nothing after it) reads as an empty mapping.
    init?(_ node: Node, path: String, problems: ProblemCollector) {
        self.path = path
        self.node = node
        self.values = ValueReader(problems: problems)
        if node.null != nil { return }
        guard case .mapping(let mapping) = node else {
            problems.add(path, "expected a mapping of keys to values, got \(describe(node))", at: node)
            return nil
        }
        var firstLine: [String: Int] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                problems.add(path, "a key must be a plain name, not \(describe(keyNode))", at: keyNode)
                continue
            }
            if let line = firstLine[key.string] {
                problems.add(YAMLPath.child(path, key.string), "appears twice (first on line \(line))", at: keyNode)
                continue
            }
            firstLine[key.string] = keyNode.mark?.line ?? 0
            entries.append((key.string, keyNode, value))
        }
    }

    var problems: ProblemCollector { values.problems }
    var isEmpty: Bool { entries.isEmpty }

    func childPath(_ key: String) -> String { YAMLPath.child(path, key) }

    /// The value of `key`, or nil if absent; marks the key as known either way.
    func value(_ key: String) -> Node? {
        knownKeys.append(key)
        return entries.first(where: { $0.key == key })?.value
    }

    func contains(_ key: String) -> Bool { entries.contains(where: { $0.key == key }) }

    /// The value of `key` without marking it known (for pointing at it later).
    func node(for key: String) -> Node? { entries.first(where: { $0.key == key })?.value }

    func text(_ key: String, secret: Bool = false) -> String? {
        value(key).flatMap { values.text($0, childPath(key), secret: secret) }
    }
    func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        value(key).flatMap { values.int($0, childPath(key), in: range) }
    }
    func double(_ key: String, in range: ClosedRange<Double>) -> Double? {
        value(key).flatMap { values.double($0, childPath(key), in: range) }
    }
    func bool(_ key: String) -> Bool? {
        value(key).flatMap { values.bool($0, childPath(key)) }
    }
    func choice<Choice: CaseIterable & RawRepresentable<String>>(_ key: String, _ type: Choice.Type) -> Choice? {
        value(key).flatMap { values.choice($0, childPath(key), type) }
    }
    func duration(_ key: String, allowZero: Bool = false) -> Double? {
        value(key).flatMap { values.duration($0, childPath(key), allowZero: allowZero) }
    }
    func byteCount(_ key: String) -> Int64? {
        value(key).flatMap { values.byteCount($0, childPath(key)) }
    }
    func mapping(_ key: String) -> MappingReader? {
        value(key).flatMap { MappingReader($0, path: childPath(key), problems: problems) }
    }

    /// The elements of the list under `key` with their paths; a null value reads as empty.
    func list(_ key: String) -> [(node: Node, path: String)]? {
        guard let node = value(key) else { return nil }
        return values.list(node, childPath(key))
    }

    /// Reports a problem at `key`'s value (or at the mapping itself when the key is absent).
    func report(_ key: String?, _ message: String) {
        let at = key.flatMap(node(for:)) ?? node
        problems.add(key.map(childPath) ?? path, message, at: at)
    }

    /// Reports every key that no reader asked for, suggesting the closest known key.
    func finish() {
        for entry in entries where !knownKeys.contains(entry.key) {
            let hint = KeySuggestion.closest(to: entry.key, among: knownKeys).map { " — did you mean '\($0)'?" }
                ?? " (known here: \(knownKeys.joined(separator: ", ")))"
            problems.add(childPath(entry.key), "unknown key\(hint)", at: entry.keyNode)
        }
    }
}

extension ValueReader {
    /// The elements of a list with their paths; nil (with a problem) if `node` is not a list.
    func list(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        if node.null != nil { return [] }
        guard case .sequence(let sequence) = node else {
            problems.add(path, "expected a list, got \(describe(node))", at: node)
            return nil
        }
        return sequence.enumerated().map { ($1, YAMLPath.element(path, $0)) }
    }
}
