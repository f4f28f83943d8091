/// "Did you mean" for misspelt keys and choices: the closest known name, if it is close.
enum KeySuggestion {
    /// The candidate nearest to `word`, ignoring case, `_` and `-` (so `segment_seconds`
    /// finds `segmentSeconds`), when at most about a third of its letters differ.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = normalized(word)
        let scored = candidates.map { (name: $0, distance: editDistance(target, normalized($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= max(1, target.count / 3) ? best.name : nil
    }

    private static func normalized(_ word: String) -> [Character] {
        Array(word.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Levenshtein distance, one row at a time.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            previous = current
        }
        return previous[b.count]
    }
}
