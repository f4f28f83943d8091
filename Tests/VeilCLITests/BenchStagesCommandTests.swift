import Foundation
import Testing
import VeilTestSupport

/// `veil bench stages` on a few frames of the sample: every stage is reported with a positive,
/// finite figure (the figures themselves are not judged: benchmarks measure, tests do not).
@Suite struct BenchStagesCommandTests {
    static let sample = VeilProcess.repositoryRoot.appendingPathComponent("samples/library-walk-720p.mp4").path
    static let stages = ["decode", "detect (face)", "detect (person)", "track/plan", "blur", "encode", "seal"]

    /// The table's cells by stage name, for the rows that name a stage.
    func rows(of markdown: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if let name = cells.first, Self.stages.contains(name) { rows[name] = Array(cells.dropFirst()) }
        }
        return rows
    }

    func isPositiveFigure(_ text: String?) -> Bool {
        guard let text, let value = Double(text) else { return false }
        return value.isFinite && value > 0
    }

    @Test func reportsEveryStageWithAPositiveFigure() throws {
        // Without event-triggered runs, so that the detectors run exactly at the cadence.
        let outcome = try VeilProcess.run(["bench", "stages", "--clip", Self.sample, "--frames", "6", "--runs", "2",
                                           "--preset", "ultrafast", "--no-event-triggers"])
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let rows = rows(of: outcome.standardOutput)
        for stage in Self.stages {
            let cells = try #require(rows[stage], "no row for \(stage) in:\n\(outcome.standardOutput)")
            #expect(isPositiveFigure(cells[0]), "\(stage): wall ms/frame '\(cells[0])'")
            #expect(isPositiveFigure(cells[2]), "\(stage): CPU ms/frame '\(cells[2])'")
            #expect(Int(cells[4]).map { $0 >= 1 } == true, "\(stage): calls per run '\(cells[4])'")
        }
        // Frames 0 and 5 at the default cadence of 5: the per-run figure is the detector's own.
        for detector in ["detect (face)", "detect (person)"] {
            let perCall = rows[detector]?[5].split(separator: " ").first.map(String.init)
            #expect(isPositiveFigure(perCall), "\(detector): ms per call '\(perCall ?? "")'")
            #expect(rows[detector]?[4] == "2")
        }
        let seal = try #require(outcome.standardOutput.split(separator: "\n").first { $0.hasPrefix("Seal") })
        let throughput = seal.firstMatch(of: /\*\*([0-9.]+) MB\/s\*\*/).map { String($0.1) }
        #expect(isPositiveFigure(throughput), "seal line: \(seal)")
        let share = seal.firstMatch(of: /\*\*([0-9.]+) %\*\*/).map { String($0.1) }
        #expect(isPositiveFigure(share), "seal line: \(seal)")
    }

    @Test func missingClipIsOneClearError() throws {
        let outcome = try VeilProcess.run(["bench", "stages", "--clip", "/nonexistent/clip.mp4", "--frames", "2", "--runs", "1"])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("/nonexistent/clip.mp4"), "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
    }
}
