import VeilCore
import VeilMedia

/// Redacts each decoded frame in place and hands it to the encoder; passes other items
/// through. Runs on its own thread, where the detectors also run.
package struct RedactStage: @unchecked Sendable {
    let redactor: FrameRedactor
    let expectedWidth: Int
    let expectedHeight: Int
    let location: String
    let input: BoundedQueue<StageItem>
    let output: BoundedQueue<StageItem>
    /// Told of every frame's plan and how long redacting it took (live metrics).
    let observe: @Sendable (MaskPlan, Duration) -> Void
    /// Told of every frame once it is redacted, before it moves on (anonymous occupancy
    /// reads the redactor's person tracks and the frame's time here).
    let observeFrame: (@Sendable (Frame) -> Void)?

    package init(redactor: FrameRedactor, expectedWidth: Int, expectedHeight: Int, location: String,
                 input: BoundedQueue<StageItem>, output: BoundedQueue<StageItem>,
                 observe: @escaping @Sendable (MaskPlan, Duration) -> Void = { _, _ in },
                 observeFrame: (@Sendable (Frame) -> Void)? = nil) {
        self.observe = observe
        self.observeFrame = observeFrame
        self.redactor = redactor
        self.expectedWidth = expectedWidth
        self.expectedHeight = expectedHeight
        self.location = location
        self.input = input
        self.output = output
    }

    package func run() throws {
        defer { output.close() }
        while let item = input.pop() {
            switch item {
            case .video(let frame):
                guard frame.width == expectedWidth, frame.height == expectedHeight else {
                    throw PipelineError.resolutionChanged(location: location, from: (expectedWidth, expectedHeight),
                                                          to: (frame.width, frame.height))
                }
                let started = ContinuousClock.now
                let plan = try redactor.redact(frame)
                observe(plan, ContinuousClock.now - started)
                observeFrame?(frame)
            case .discontinuity:
                redactor.forgetPositions()
            case .passthrough, .segmentBoundary:
                break
            }
            guard output.push(item) else { return }
        }
    }
}
