import Testing
import VeilCore
@testable import VeilVision

/// The motion safety net as a state machine, fed regions directly.
@Suite struct MotionNetTests {
    /// A 40×80 region moving 10 px a frame.
    static func mover(at frame: Int) -> Rect { Rect(x: 100 + 10 * Double(frame), y: 300, width: 40, height: 80) }

    /// Feeds `frames` frames of the mover; returns the masks and newly-masked count of each frame.
    func run(frames: Range<Int>, net: inout MotionNet, covers: (Int) -> [Rect] = { _ in [] },
             motion: (Int) -> [Rect] = { [mover(at: $0)] }) -> [(masks: [Rect], newlyMasked: Int)] {
        frames.map { frame in
            net.observe(motion: motion(frame), frame: frame)
            return net.settle(coveredBy: covers(frame), frame: frame)
        }
    }

    @Test func aRegionMovingUncoveredIsMaskedAfterItsFramesAndCountedOnce() {
        var net = MotionNet(configuration: .init(frames: 10))
        let settled = run(frames: 0..<20, net: &net)
        #expect(settled[0..<10].allSatisfy { $0.masks.isEmpty })
        #expect(settled[10...].allSatisfy { $0.masks.count == 1 })
        #expect(settled.map(\.newlyMasked).reduce(0, +) == 1)
        for frame in 10..<20 {
            #expect(settled[frame].masks[0].contains(Self.mover(at: frame)), "frame \(frame)")
        }
    }

    @Test func aRegionATrackCoversIsNeverMasked() {
        var net = MotionNet()
        let settled = run(frames: 0..<30, net: &net, covers: { [Self.mover(at: $0).dilated(by: 0.2)] })
        #expect(settled.allSatisfy { $0.masks.isEmpty })
    }

    @Test func aDetectionExplainsAMaskedRegionAndStoppingEndsIt() {
        var net = MotionNet(configuration: .init(frames: 5, stillFrames: 3))
        let settled = run(frames: 0..<21, net: &net, covers: { $0 >= 12 && $0 < 14 ? [Self.mover(at: $0)] : [] },
                          motion: { $0 < 17 ? [Self.mover(at: $0)] : [] })
        #expect(!settled[11].masks.isEmpty)
        #expect(settled[12].masks.isEmpty && settled[13].masks.isEmpty, "explained by a detection")
        #expect(settled[14].masks.isEmpty, "uncovered again: the count starts over")
        #expect(net.hasUnexplainedMotion(coveredBy: []) == false, "no motion on the latest frame")
        #expect(!settled[19].masks.isEmpty, "still within its still frames")
        #expect(settled[20].masks.isEmpty, "stopped moving")
    }

    @Test func unexplainedMotionStopsOnceTheNetMasksIt() {
        var net = MotionNet(configuration: .init(frames: 3))
        net.observe(motion: [Self.mover(at: 0)], frame: 0)
        #expect(net.hasUnexplainedMotion(coveredBy: []))
        #expect(!net.hasUnexplainedMotion(coveredBy: [Self.mover(at: 0)]))
        _ = run(frames: 1..<5, net: &net)
        net.observe(motion: [Self.mover(at: 5)], frame: 5)
        #expect(!net.hasUnexplainedMotion(coveredBy: []), "a masked region no longer triggers runs")
    }
}
