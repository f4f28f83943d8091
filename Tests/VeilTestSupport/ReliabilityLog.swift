import Foundation

/// One JSON line per scenario run, appended to the file named by `VEIL_RELIABILITY_LOG` when it
/// is set (nothing otherwise), for `Benchmarks/RELIABILITY.md`:
///
///     VEIL_RELIABILITY_LOG=/tmp/reliability.jsonl swift test --skip-build --filter 'VLCReconnectTests|ClockStep'
///
/// Each line holds the scenario's name, how many faults it ran, and what it measured (frames
/// lost, gap error in seconds, …) as plain numbers.
package enum ReliabilityLog {
    package static func record(scenario: String, runs: Int, _ measurements: [String: Double]) {
        var fields: [String: Any] = [:]
        for (key, value) in measurements { fields[key] = value.isFinite ? (value * 1000).rounded() / 1000 : nil }
        append(scenario: scenario, runs: runs, fields)
    }

    /// A scenario whose result is what it lost, in words, with any further details.
    package static func record(scenario: String, runs: Int, lost: String, details: [String: any Sendable] = [:]) {
        var fields: [String: Any] = ["lost": lost]
        for (key, value) in details { fields[key] = value }
        append(scenario: scenario, runs: runs, fields)
    }

    private static func append(scenario: String, runs: Int, _ fields: [String: Any]) {
        guard let path = ProcessInfo.processInfo.environment["VEIL_RELIABILITY_LOG"], !path.isEmpty else { return }
        var line: [String: Any] = ["scenario": scenario, "runs": runs,
                                   "date": ISO8601DateFormatter().string(from: Date())]
        line.merge(fields) { $1 }
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            print("VEIL_RELIABILITY_LOG=\(path) cannot be opened for writing; the result of \(scenario) is not recorded")
            return
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(data + Data("\n".utf8))
    }
}
