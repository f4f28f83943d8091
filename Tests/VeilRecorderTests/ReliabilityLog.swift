import Foundation

/// One JSON line per scenario run, appended to the file named by `VEIL_RELIABILITY_LOG` when it
/// is set (nothing otherwise), for Benchmarks/RELIABILITY.md:
/// `VEIL_RELIABILITY_LOG=/tmp/rel.jsonl swift test --skip-build --filter 'DiskFullTests|CrashConsistencyTests'`.
enum ReliabilityLog {
    static func record(scenario: String, runs: Int, lost: String, details: [String: any Sendable] = [:]) {
        guard let path = ProcessInfo.processInfo.environment["VEIL_RELIABILITY_LOG"], !path.isEmpty else { return }
        var line: [String: Any] = ["scenario": scenario, "runs": runs, "lost": lost,
                                   "at": ISO8601DateFormatter().string(from: Date())]
        for (key, value) in details { line[key] = value }
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(data) + [0x0a]
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
    }
}
