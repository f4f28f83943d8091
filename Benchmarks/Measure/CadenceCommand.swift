import ArgumentParser
import Foundation
import Synchronization
import VeilCore
import VeilMedia
import VeilPipeline
import VeilTestSupport
import VeilVision

/// How far the cadence can rise with lookahead and event-triggered runs: a measurement, not a
/// test (it asserts nothing and takes minutes):
///
///     VEIL_MEASURE=1 swift run -c release veil-measure cadence
///
/// It prints, per cadence, the head frames leaked over the entering-person sweep (every phase,
/// both sides) and, on the bundled sample, how many of the people a separate person detector
/// finds (score ≥ 0.5, every 3rd frame) have 80 % of their box under the masks, the evaluation
/// set's criterion (README, "Lookahead, event-triggered runs and the motion net"). Until issue 21
/// it was the test suite `CadenceMeasurement` (`VEIL_MEASURE_CADENCE=1`); its lines are unchanged.
struct CadenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadence",
        abstract: "Head frames leaked over the entering-person sweep, and people masked on the sample, per cadence."
    )

    @Option(help: "A 1280×720 clip to measure instead of the bundled sample (the sweep is the same).")
    var clip: String?

    @Flag(help: "Only the defaults at cadence 5, with and without deferring runs over masked change; no sweep.")
    var deferralOnly = false

    func run() throws {
        lineBufferedOutput()
        if !deferralOnly { try Self.enteringPersonSweep() }
        try Self.refereeOnTheSample(clip: clip ?? TestSupport.sample,
                                    settings: deferralOnly ? Self.deferralSettings : Self.settings)
    }

    /// On the sample: without lookahead and triggers, and with the defaults, at cadences 5, 10, 15;
    /// with the defaults but without following the stream's motion vectors (`flow` false) at 5 and 10.
    static let settings: [Setting] =
        [(5, 0, false, true, nil), (5, nil, true, false, nil), (5, nil, true, true, 0), (5, nil, true, true, nil),
         (10, nil, true, false, nil), (10, nil, true, true, nil), (15, nil, true, true, nil), (10, 0, false, true, nil)]
    /// The defaults at cadence 5 without and with deferring runs over masked change (issue 22, lever 3).
    static let deferralSettings: [Setting] = [(5, nil, true, true, 0), (5, nil, true, true, nil)]
    /// `deferral`: `maximumDeferFrames`, nil for the default.
    typealias Setting = (cadence: Int, lookahead: Int?, triggers: Bool, flow: Bool, deferral: Int?)
    /// Over the sweep: the defaults, lookahead alone and triggers alone, at each cadence.
    static let sweepSettings = [5, 8, 10, 12, 15, 20].flatMap { cadence in
        [(cadence, nil, true), (cadence, nil, false), (cadence, 0, true)] as [(cadence: Int, lookahead: Int?, triggers: Bool)]
    }

    static func options(cadence: Int, lookahead: Int?, triggers: Bool, flow: Bool = true, deferral: Int? = nil) -> RedactionOptions {
        var options = RedactionOptions()
        if let deferral { options.stillScene?.maximumDeferFrames = deferral }
        options.followsPictureMotion = flow
        options.schedule = DetectionSchedule(cadences: [.face: cadence, .person: cadence])
        options.masks.stalenessFrames = max(options.masks.stalenessFrames, cadence)
        options.lookaheadFrames = lookahead
        if !triggers { options.triggerGapFrames = nil }
        return options
    }

    static func enteringPersonSweep() throws {
        let detectors = try RememberingDetector.sceneDetectors()
        for setting in Self.sweepSettings {
            let options = Self.options(cadence: setting.cadence, lookahead: setting.lookahead, triggers: setting.triggers)
            var leaked = 0, runs = 0, triggered = 0
            for side in EnteringPersonScene.Side.allCases {
                for phase in 1...setting.cadence {
                    let scene = EnteringPersonScene(side: side, firstVisibleFrame: phase)
                    let frames = try EnteringPersonRun.frames(of: scene, count: phase + setting.cadence + 8)
                    let outcome = try EnteringPersonRun.run(scene, frames: frames, detectors: detectors,
                                                            options: options)
                    leaked += outcome.leaked.count
                    runs += outcome.statistics.detectorRuns[.person, default: 0] + outcome.statistics.reusedRuns[.person, default: 0]
                    triggered += outcome.statistics.triggeredRuns[.person, default: 0]
                }
            }
            print("sweep: cadence \(setting.cadence), lookahead \(options.effectiveLookaheadFrames), triggers \(setting.triggers): "
                  + "\(leaked) head frames leaked, \(runs) person runs (\(triggered) triggered)")
        }
    }

    static func refereeOnTheSample(clip: String, settings: [Setting]) throws {
        let manifest = try ModelManifest.locate(explicitDirectory: TestSupport.repositoryRoot.appendingPathComponent("models").path)
        let referee = try PersonDetector(manifest: manifest)
        var people: [Int: [Detection]] = [:]
        for (index, frame) in try EnteringPersonRun.decode(clip).enumerated() where index % 3 == 1 {
            people[index] = try frame.withPlanes { try referee.detect(in: $0) }.filter { $0.score >= 0.5 }
        }
        let total = people.values.reduce(0) { $0 + $1.count }
        for setting in settings {
            let options = Self.options(cadence: setting.cadence, lookahead: setting.lookahead, triggers: setting.triggers,
                                       flow: setting.flow, deferral: setting.deferral)
            let frames = try EnteringPersonRun.decode(clip)
            let input = BoundedQueue<StageItem>(capacity: frames.count + 1), output = BoundedQueue<StageItem>(capacity: frames.count + 1)
            for frame in frames { _ = input.push(.video(frame)) }
            input.close()
            let plans = Mutex<[MaskPlan]>([])
            let redactor = FrameRedactor(detectors: [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)],
                                         options: options)
            try RedactStage(redactor: redactor, expectedWidth: 1280, expectedHeight: 720, location: "sample", input: input,
                            output: output, observe: { plan, _ in plans.withLock { $0.append(plan) } }).run()
            let planned = plans.withLock { $0 }
            var covered = 0, worst = 1.0
            for (index, found) in people {
                for person in found {
                    let share = Self.share(of: person.box, under: planned[index])
                    worst = min(worst, share)
                    if share >= 0.8 { covered += 1 }
                }
            }
            // How much of the picture the masks take, on a 16-pixel grid (over-masking).
            let frameShare = Self.share(of: Rect(x: 0, y: 0, width: 1280, height: 720), under: planned, step: 16)
            let statistics = redactor.statistics
            print("\(clip == TestSupport.sample ? "sample" : clip): cadence \(setting.cadence), "
                  + "lookahead \(options.effectiveLookaheadFrames), triggers \(setting.triggers), "
                  + "motion vectors \(setting.flow), deferral \(options.stillScene?.maximumDeferFrames ?? 0): "
                  + "\(covered)/\(total) people 80 % masked (worst \(Int(worst * 100)) %), "
                  + "\(String(format: "%.1f", frameShare * 100)) % of the picture masked on average, "
                  + "\(statistics.detectorRuns[.person, default: 0]) person runs (\(statistics.triggeredRuns[.person, default: 0]) triggered, "
                  + "\(statistics.deferredRuns[.person, default: 0]) deferred, \(statistics.reusedRuns[.person, default: 0]) reused) "
                  + "on \(planned.count) frames")
        }
    }

    /// The mean share of `box` under the plans' masks, sampled on a grid of `step` pixels.
    static func share(of box: Rect, under plans: [MaskPlan], step: Double) -> Double {
        plans.isEmpty ? 0 : plans.reduce(0) { $0 + share(of: box, under: $1, step: step) } / Double(plans.count)
    }

    /// The share of `box` under the plan's masks, sampled on a grid of `step` pixels.
    static func share(of box: Rect, under plan: MaskPlan, step: Double = 4) -> Double {
        guard case .regions(let rects, _) = plan else { return 1 }
        var inside = 0, all = 0
        for y in stride(from: box.minY, to: box.maxY, by: step) {
            for x in stride(from: box.minX, to: box.maxX, by: step) {
                all += 1
                if rects.contains(where: { x >= $0.minX && x < $0.maxX && y >= $0.minY && y < $0.maxY }) { inside += 1 }
            }
        }
        return all > 0 ? Double(inside) / Double(all) : 1
    }
}
