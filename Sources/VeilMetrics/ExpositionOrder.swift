/// A stable order for swift-prometheus' output, which follows its dictionaries: families by
/// name, and within a family the series by their first line. A histogram's series is several
/// lines (its buckets, `_sum` and `_count`), which stay together and in their order.
enum ExpositionOrder {
    private typealias Line = ArraySlice<UInt8>

    private struct Family {
        let name: Line
        var isHistogram = false
        var header: [Line] = []
        var series: [[Line]] = []
        /// A histogram series still waiting for its `_count` line.
        var seriesOpen = false

        mutating func add(sample line: Line) {
            if seriesOpen { series[series.count - 1].append(line) } else { series.append([line]) }
            seriesOpen = isHistogram && !line.starts(with: name + "_count".utf8)
        }
    }

    static func sorted(_ text: [UInt8]) -> [UInt8] {
        var families: [Family] = []
        for line in text.split(separator: UInt8(ascii: "\n")) {
            if let (name, kind) = header(line) {
                if families.last?.name != name { families.append(Family(name: name)) }
                families[families.count - 1].header.append(line)
                if kind.elementsEqual("histogram".utf8) { families[families.count - 1].isHistogram = true }
            } else if !families.isEmpty {
                families[families.count - 1].add(sample: line)
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.count + 1)
        for family in families.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
            let series = family.series.sorted { $0[0].lexicographicallyPrecedes($1[0]) }
            for line in family.header + series.joined() {
                output += line
                output.append(UInt8(ascii: "\n"))
            }
        }
        return output
    }

    /// The metric name and the word after it of a `# HELP` or `# TYPE` line; nil for a sample.
    private static func header(_ line: Line) -> (name: Line, word: Line)? {
        guard line.starts(with: "# HELP ".utf8) || line.starts(with: "# TYPE ".utf8) else { return nil }
        let rest = line.dropFirst(7)
        let name = rest.prefix { $0 != UInt8(ascii: " ") }
        return (name, rest.dropFirst(name.count + 1).prefix { $0 != UInt8(ascii: " ") })
    }
}
