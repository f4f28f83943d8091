import VeilMedia

/// Redacts each decoded frame in place and hands it to the encoder; passes other items
/// through. Runs on its own thread, where the detectors also run.
struct RedactStage: @unchecked Sendable {
    let redactor: FrameRedactor
    let expectedWidth: Int
    let expectedHeight: Int
    let location: String
    let input: BoundedQueue<StageItem>
    let output: BoundedQueue<StageItem>

    func run() throws {
        defer { output.close() }
        while let item = input.pop() {
            if case .video(let frame, let index) = item {
                guard frame.width == expectedWidth, frame.height == expectedHeight else {
                    throw PipelineError.resolutionChanged(location: location, from: (expectedWidth, expectedHeight),
                                                          to: (frame.width, frame.height))
                }
                try redactor.redact(frame, index: index)
            }
            guard output.push(item) else { return }
        }
    }
}
