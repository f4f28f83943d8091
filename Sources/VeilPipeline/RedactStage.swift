package import VeilCore
package import VeilMedia
import VeilVision

/// Redacts each decoded frame in place and hands it to the encoder; passes other items
/// through, in order. Runs on its own thread, where the detectors also run.
///
/// Each frame is observed (detected) as it arrives and held in a ``LookaheadWindow`` for the
/// redactor's `lookaheadFrames`, so that a person detected on a later frame is also masked on
/// the held frames they were already entering; then it is planned, masked and sent on.
package struct RedactStage: @unchecked Sendable {
    let redactor: FrameRedactor
    let expectedWidth: Int
    let expectedHeight: Int
    let location: String
    let input: BoundedQueue<StageItem>
    let output: BoundedQueue<StageItem>
    /// Told of every frame right after its detectors ran, before it is held for lookahead, with
    /// what they found (live metrics; anonymous occupancy counts the people and reads the frame's
    /// time here: it does not look at pixels, so it need not wait for the masks).
    let observed: @Sendable (FrameObservation, Frame) -> Void
    /// Told of every frame's plan, as it leaves, and how long observing and masking it took (live metrics).
    let observe: @Sendable (MaskPlan, Duration) -> Void

    package init(redactor: FrameRedactor, expectedWidth: Int, expectedHeight: Int, location: String,
                 input: BoundedQueue<StageItem>, output: BoundedQueue<StageItem>,
                 observed: @escaping @Sendable (FrameObservation, Frame) -> Void = { _, _ in },
                 observe: @escaping @Sendable (MaskPlan, Duration) -> Void = { _, _ in }) {
        self.observed = observed
        self.observe = observe
        self.redactor = redactor
        self.expectedWidth = expectedWidth
        self.expectedHeight = expectedHeight
        self.location = location
        self.input = input
        self.output = output
    }

    package func run() throws {
        defer { output.close() }
        var window = LookaheadWindow<(item: StageItem, observing: Duration)>(frames: redactor.lookaheadFrames)
        while let item = input.pop() {
            switch item {
            case .video(let frame):
                guard frame.width == expectedWidth, frame.height == expectedHeight else {
                    throw PipelineError.resolutionChanged(location: location, from: (expectedWidth, expectedHeight),
                                                          to: (frame.width, frame.height))
                }
                let started = ContinuousClock.now
                let observation = frame.withPlanes { redactor.observe(planes: $0, motion: frame.motionField) }
                observed(observation, frame)
                window.hold(frame: observation.index, (item, ContinuousClock.now - started))
            case .discontinuity:
                // No later run reaches back across lost frames: let the held ones go first.
                guard try send(window.releaseAll()) else { return }
                redactor.forgetPositions()
                window.hold(passenger: (item, .zero))
            case .passthrough, .segmentBoundary:
                window.hold(passenger: (item, .zero))
            }
            guard try send(window.release()) else { return }
        }
        _ = try send(window.releaseAll())
    }

    /// Plans, masks and pushes the released items in order; false once the output is cancelled.
    private func send(_ released: [(frame: Int?, item: (item: StageItem, observing: Duration))]) throws -> Bool {
        for (index, held) in released {
            if let index, case .video(let frame) = held.item {
                let started = ContinuousClock.now
                let plan = redactor.plan(frame: index)
                try frame.makeWritable()
                try frame.withPlanes { try redactor.apply(plan, to: $0) }
                observe(plan, held.observing + (ContinuousClock.now - started))
            }
            guard output.push(held.item) else { return false }
        }
        return true
    }
}
