import Foundation

/// A one-line progress display on standard error, drawn only when that is a terminal, so that
/// logs and pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast

    /// Redraws at most ten times a second.
    func update(done: Int, total: Int?, unit: String) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
            lastDrawn = now
            let elapsed = now.timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            var line = String(format: "%6d", done)
            if let total, total > 0 {
                let fraction = min(1, Double(done) / Double(total))
                let filled = Int(fraction * 30)
                let eta = rate > 0 ? Double(max(0, total - done)) / rate : 0
                line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
                    + "\(done)/\(total) \(unit)  " + String(format: "%.1f %@/s  ETA %.0f s", rate, unit, eta)
            } else {
                line += String(format: " %@  %.1f %@/s", unit, rate, unit)
            }
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        }
    }

    /// Clears the line so the summary starts clean.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
