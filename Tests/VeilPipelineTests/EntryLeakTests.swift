import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision
import VeilTestSupport
import Foundation

/// A person walking into a still room at every phase of the detection cadence, from both
/// sides, through the production redact stage with the real detectors: with the defaults
/// (lookahead and event-triggered runs) no frame shows any part of their head.
@Suite(.serialized) struct EntryLeakTests {
    /// Used by one test at a time (the suite is serialized).
    nonisolated(unsafe) static let detectors = Result { try RememberingDetector.sceneDetectors() }

    /// The head first shows on frames 1…5: every phase against the runs at 0, 5, 10.
    static let scenes = EnteringPersonScene.Side.allCases.flatMap { side in
        (1...5).map { EnteringPersonScene(side: side, firstVisibleFrame: $0) }
    }

    /// Leaked frames of each scene, "side@phase: frames".
    func sweep(_ options: RedactionOptions) throws -> [String: [Int]] {
        var leaks: [String: [Int]] = [:]
        for scene in Self.scenes {
            let frames = try EnteringPersonRun.frames(of: scene, count: scene.firstVisibleFrame + 12)
            let outcome = try EnteringPersonRun.run(scene, frames: frames, detectors: try Self.detectors.get(), options: options)
            #expect(outcome.plans.count == frames.count, "every frame leaves the stage once")
            #expect(outcome.plans.allSatisfy { !$0.isFullFrame }, "the healthy detectors never leave a frame unplanned")
            if !outcome.leaked.isEmpty { leaks["\(scene.side)@\(scene.firstVisibleFrame)"] = outcome.leaked }
        }
        return leaks
    }

    @Test func withTheDefaultsNoFrameShowsTheHead() throws {
        let leaks = try sweep(RedactionOptions())
        #expect(leaks.isEmpty, "frames with some of the head unmasked: \(leaks)")
    }

    @Test func withoutLookaheadOrTriggersTheFramesBeforeTheNextRunLeak() throws {
        var options = RedactionOptions()
        options.lookaheadFrames = 0
        options.triggerGapFrames = nil
        let leaks = try sweep(options)
        // What this sweep exists to catch: the frames between a person's entry and the next run.
        #expect(leaks.values.reduce(0) { $0 + $1.count } >= 5, "\(leaks)")
        #expect(Set(leaks.keys.map { $0.prefix { $0 != "@" } }) == ["left", "right"], "\(leaks)")
        print("EntryLeakTests: without lookahead or triggers, leaked frames by side@first-visible-frame: \(leaks.sorted { $0.key < $1.key })")
    }

    @Test func lookaheadAloneCoversTheEntryAtTheCadence() throws {
        var options = RedactionOptions()
        options.triggerGapFrames = nil
        let leaks = try sweep(options)
        #expect(leaks.isEmpty, "frames with some of the head unmasked: \(leaks)")
    }
}
