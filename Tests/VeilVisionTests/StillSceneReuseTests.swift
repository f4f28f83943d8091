import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// When a due detector run may reuse the last result: only on an unchanged picture.
@Suite struct StillSceneReuseTests {
    static let person = Detection(kind: .person, box: Rect(x: 100, y: 80, width: 40, height: 120), score: 0.8)

    /// A sample frame at 720p, copied so that tests can change its pixels.
    static func frame() throws -> [UInt8] {
        try Fixtures.frame(Fixtures.vtest(frame: 100), scaledTo: (1280, 720)).bytes
    }

    static func withImage<R>(_ bytes: [UInt8], _ body: (YUV420Image) throws -> R) rethrows -> R {
        try YUV420Buffer(width: 1280, height: 720, bytes: bytes).withPlanes(body)
    }

    /// Camera noise: every luma sample moved by up to ±`amplitude`, reproducibly.
    static func withNoise(_ bytes: [UInt8], amplitude: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var noisy = bytes
        for index in 0..<(1280 * 720) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let offset = Int(state >> 33) % (2 * amplitude + 1) - amplitude
            noisy[index] = UInt8(clamping: Int(noisy[index]) + offset)
        }
        return noisy
    }

    /// A small dark figure (24×48 px, 40 levels darker than the floor) at `x`.
    static func withFigure(_ bytes: [UInt8], x: Int) -> [UInt8] {
        var changed = bytes
        for row in 400..<448 {
            for column in x..<(x + 24) {
                changed[row * 1280 + column] = UInt8(clamping: Int(changed[row * 1280 + column]) - 40)
            }
        }
        return changed
    }

    func reuse(first: [UInt8], then second: [UInt8], after frames: Int = 5,
               configuration: StillSceneReuse.Configuration = .init()) throws -> [Detection]? {
        var gate = StillSceneReuse(configuration: configuration)
        try Self.withImage(first) { try gate.observe($0, frame: 0) }
        gate.recordRun(of: .person, at: 0, detections: [Self.person])
        try Self.withImage(second) { try gate.observe($0, frame: frames) }
        return gate.reusableDetections(of: .person, at: frames)
    }

    @Test func anUnchangedNoisyPictureReusesTheLastResult() throws {
        let frame = try Self.frame()
        let reused = try reuse(first: Self.withNoise(frame, amplitude: 6, seed: 1),
                               then: Self.withNoise(frame, amplitude: 6, seed: 2))
        #expect(reused == [Self.person])
    }

    @Test func aSmallFigureMovingFourPixelsMakesTheDetectorRun() throws {
        let frame = try Self.frame()
        let reused = try reuse(first: Self.withFigure(frame, x: 600), then: Self.withFigure(frame, x: 604))
        #expect(reused == nil)
    }

    @Test func aFigureAppearingMakesTheDetectorRun() throws {
        let frame = try Self.frame()
        #expect(try reuse(first: frame, then: Self.withFigure(frame, x: 900)) == nil)
    }

    @Test func aRealRunIsForcedAfterTheLongestReuse() throws {
        let frame = try Self.frame()
        let configuration = StillSceneReuse.Configuration(maximumReuseFrames: 50)
        #expect(try reuse(first: frame, then: frame, after: 50, configuration: configuration) == [Self.person])
        #expect(try reuse(first: frame, then: frame, after: 51, configuration: configuration) == nil)
    }

    @Test func nothingIsReusedAfterAFailureOrAReset() throws {
        let frame = try Self.frame()
        var gate = StillSceneReuse()
        try Self.withImage(frame) { try gate.observe($0, frame: 0) }
        gate.recordRun(of: .person, at: 0, detections: [Self.person])
        try Self.withImage(frame) { try gate.observe($0, frame: 5) }
        #expect(gate.reusableDetections(of: .person, at: 5) == [Self.person])
        #expect(gate.reusableDetections(of: .face, at: 5) == nil, "each kind has its own last run")
        #expect(gate.reusableDetections(of: .person, at: 10) == nil, "only on the frame observed")

        gate.recordFailure(of: .person)
        #expect(gate.reusableDetections(of: .person, at: 5) == nil)

        gate.recordRun(of: .person, at: 5, detections: [])
        try Self.withImage(frame) { try gate.observe($0, frame: 10) }
        #expect(gate.reusableDetections(of: .person, at: 10) == [])
        gate.reset()
        #expect(gate.reusableDetections(of: .person, at: 10) == nil)
    }

    @Test func theThumbnailAveragesBlocks() throws {
        var bytes = [UInt8](repeating: 128, count: 1280 * 720 * 3 / 2)
        for index in 0..<(1280 * 720) where (index % 1280) < 4 && (index / 1280) < 4 { bytes[index] = 0 }
        var thumbnail = LumaThumbnail()
        try Self.withImage(bytes) { try thumbnail.capture($0, scale: 4) }
        #expect(thumbnail.width == 320 && thumbnail.height == 180)
        #expect(thumbnail.samples[0] == 0 && thumbnail.samples[1] == 128 && thumbnail.samples[320] == 128)
    }
}
