import Foundation
import Testing
import VeilArchive
@testable import VeilRecorder
import VeilVault
import VeilTestSupport

/// `kill -9` of the real `veil record` at seeded random moments — while a segment closes,
/// while the start-up sweep shreds expired epochs, and while keys rotate at an epoch boundary
/// (1 min epochs, the shortest the vault allows) — each followed by the start-up a restart
/// runs (`ArchiveRecovery`) and a check of what it left.
@Suite(.serialized) struct CrashConsistencyTests {
    static let seed: UInt64 = 0x11_05
    static let camera = "hall"

    enum Moment: String, CaseIterable {
        case segmentClose = "segment-close", sweep, epochBoundary = "epoch-boundary"
    }

    /// The seeded order of the 20 kills: 6 at segment close, 12 in a sweep, 2 at an epoch
    /// boundary (the sweep kills come before the cameras start, so they are the cheap ones).
    static func schedule(_ generator: inout SeededGenerator) -> [Moment] {
        (Array(repeating: Moment.segmentClose, count: 6) + Array(repeating: .sweep, count: 12)
            + Array(repeating: .epochBoundary, count: 2)).shuffled(using: &generator)
    }

    @Test(.enabled(if: ExportCLITests.available))
    func killMinus9AtRandomMomentsLeavesAConsistentArchive() throws {
        let rig = try CrashRig()
        defer { rig.harness.remove() }
        var generator = SeededGenerator(seed: Self.seed)
        var pending = Self.schedule(&generator)
        var outcomes: [CrashRig.Outcome] = []
        while !pending.isEmpty {
            let untilBoundary = CrashRig.secondsToNextMinute()
            var index = 0
            if pending[0] == .epochBoundary, !(13...30).contains(untilBoundary) {
                // A boundary kill needs a recorder started 13–30 s before the minute turns:
                // do another kind first, or wait for the window when only boundary kills are left.
                if let other = pending.firstIndex(where: { $0 != .epochBoundary }) { index = other } else {
                    Thread.sleep(forTimeInterval: untilBoundary > 30 ? untilBoundary - 30 : untilBoundary + 30)
                }
            }
            let moment = pending.remove(at: index)
            let outcome = try rig.killAndRecover(at: moment, using: &generator)
            outcomes.append(outcome)
            for problem in outcome.problems { Issue.record("kill \(outcomes.count) (\(moment.rawValue)): \(problem)") }
        }

        #expect(outcomes.count == 20)
        for moment in Moment.allCases {
            #expect(outcomes.contains { $0.moment == moment }, "\(moment.rawValue) was exercised")
        }
        #expect(outcomes.contains { $0.moment == .sweep && $0.interruptedShred }, "at least one kill landed inside a shred")
        #expect(try rig.harness.segments(Self.camera, .raw).count >= 6, "recording went on between the kills")
        for moment in Moment.allCases {
            let runs = outcomes.filter { $0.moment == moment }
            ReliabilityLog.record(scenario: "crash/kill-9-\(moment.rawValue)", runs: runs.count,
                                  lost: "\(runs.reduce(0) { $0 + $1.segmentsInProgressLost }) segment(s) in progress, "
                                      + "\(runs.reduce(0) { $0 + $1.problems.count }) inconsistencies",
                                  details: ["seed": Int(Self.seed), "repairs": runs.reduce(0) { $0 + $1.repairs },
                                            "rawSegmentsOpened": runs.reduce(0) { $0 + $1.rawOpened },
                                            "commitsFinishedByRestart": runs.reduce(0) { $0 + $1.commitsFinished }])
        }
    }
}
