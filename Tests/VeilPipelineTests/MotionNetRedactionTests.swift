import Foundation
import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision
import VeilTestSupport

/// A person detector that misses everyone: the one stand-in of these tests, for the motion
/// net's reason to exist.
private final class BlindPersonDetector: ObjectDetector {
    let kind = DetectionKind.person
    func detect(in image: YUV420Image) throws -> [Detection] { [] }
}

/// The motion safety net in the production redact stage: it catches a moving person the
/// detector misses, and leaves a still, noisy room alone.
@Suite(.serialized) struct MotionNetRedactionTests {
    static func faceDetector() throws -> FaceDetector {
        try FaceDetector(manifest: try ModelManifest.locate(
            explicitDirectory: MediaFixtures.repositoryRoot.appendingPathComponent("models").path))
    }

    static var withNet: RedactionOptions {
        var options = RedactionOptions()
        options.motionNet = MotionNet.Configuration()
        return options
    }

    @Test(arguments: EnteringPersonScene.Side.allCases)
    func aPersonTheDetectorMissesIsMaskedWithinMotionNetFrames(side: EnteringPersonScene.Side) throws {
        let scene = EnteringPersonScene(side: side, firstVisibleFrame: 3, speed: 12)
        let frames = try EnteringPersonRun.frames(of: scene, count: 30)
        let outcome = try EnteringPersonRun.run(scene, frames: frames,
                                                detectors: [try Self.faceDetector(), BlindPersonDetector()], options: Self.withNet)
        let limit = Self.withNet.motionNet!.frames
        // Moving from its first visible frame on; masked once it moved for `limit` frames uncovered.
        let caught = scene.firstVisibleFrame + limit
        let leakedAfter = outcome.leaked.filter { $0 >= caught }
        #expect(leakedAfter.isEmpty, "\(side): the head showed after frame \(caught) on \(leakedAfter)")
        #expect(outcome.statistics.motionNetRegions >= 1)
        #expect(outcome.statistics.motionNetFrames >= frames.count - caught)
        #expect(outcome.statistics.triggeredRuns[.person, default: 0] >= 2, "unexplained motion brought runs forward")
    }

    @Test func aStillRoomWithCameraNoiseGetsNoMotionNetMask() throws {
        let scene = EnteringPersonScene(side: .left, firstVisibleFrame: 0)
        let frames = try EnteringPersonRun.frames(of: scene, count: 40, noise: 6, still: true)
        let outcome = try EnteringPersonRun.run(scene, frames: frames,
                                                detectors: [try Self.faceDetector(), BlindPersonDetector()], options: Self.withNet)
        #expect(outcome.statistics.motionNetRegions == 0)
        #expect(outcome.statistics.motionNetFrames == 0)
        #expect(outcome.statistics.triggeredRuns.isEmpty, "noise is not motion: \(outcome.statistics)")
    }

    @Test func offlineOutputKeepsTheInputsFramesAndTimestampsWithLookaheadAndTheNet() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scene = EnteringPersonScene(side: .right, firstVisibleFrame: 4)
        let raw = directory.appendingPathComponent("scene.yuv"), clip = directory.appendingPathComponent("scene.mp4").path
        try Data((0..<23).flatMap { try scene.image(at: $0).bytes }).write(to: raw)
        try MediaFixtures.ffmpeg(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "640x480", "-r", "25", "-i", raw.path,
                                  "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", clip])
        let output = directory.appendingPathComponent("redacted.mp4").path
        var options = Self.withNet
        options.encoder.preset = "ultrafast"
        let detectors: [any ObjectDetector] = [try Self.faceDetector(), try PersonDetector(manifest: try ModelManifest.locate(
            explicitDirectory: MediaFixtures.repositoryRoot.appendingPathComponent("models").path))]

        let summary = try OfflineRedactor.run(input: clip, output: output, options: options, detectors: detectors)

        #expect(summary.statistics.frames == 23, "23 frames into a 5-frame window: every one comes out")
        let input = try MediaFixtures.videoTiming(of: clip), redacted = try MediaFixtures.videoTiming(of: output)
        #expect(redacted.count == input.count)
        #expect(zip(input, redacted).allSatisfy { abs($0.pts - $1.pts) < 1e-6 && abs($0.duration - $1.duration) < 1e-6 })
    }
}
