import Testing
import VeilCore
import VeilPipeline
import VeilVision
@testable import VeilConfig

/// `lookaheadFrames`, `eventTriggers`, `motionNet` and `motionNetFrames` in veil.yaml.
@Suite("Lookahead and motion net settings")
struct LookaheadSettingsTests {
    @Test func theKeysReachTheRedactionOptions() throws {
        let configuration = try Fixtures.parse("""
            redaction: {lookaheadFrames: 3, eventTriggers: false, motionNetFrames: 20, followMotionVectors: false}
            cameras:
              - name: hall
                url: samples/library-walk-720p.mp4
              - name: door
                url: samples/library-walk-720p.mp4
                overrides: {lookaheadFrames: 0, motionNet: false}
            """)
        let hall = configuration.redactionOptions(for: configuration.cameras[0])
        #expect(hall.effectiveLookaheadFrames == 3)
        #expect(hall.triggerGapFrames == nil)
        #expect(hall.motionNet == MotionNet.Configuration(frames: 20))
        #expect(!hall.followsPictureMotion)
        let door = configuration.redactionOptions(for: configuration.cameras[1])
        #expect(door.effectiveLookaheadFrames == 0)
        #expect(door.motionNet == nil)
        #expect(!door.followsPictureMotion, "the section's setting reaches every camera")
    }

    @Test func theLookaheadFollowsTheLargerCadenceUnlessSet() throws {
        let configuration = try Fixtures.parse("""
            redaction: {personCadence: 8}
            cameras:
              - name: hall
                url: samples/library-walk-720p.mp4
            """)
        #expect(configuration.redactionOptions(for: configuration.cameras[0]).effectiveLookaheadFrames == 8)
        #expect(RedactionSettings().motionNet == false, "files: only with --motion-net")
    }

    @Test func outOfRangeValuesAreReportedWithTheirPaths() {
        let problems = Fixtures.problems("""
            redaction: {lookaheadFrames: -1, motionNetFrames: 0, motionNet: maybe}
            cameras:
              - name: hall
                url: samples/library-walk-720p.mp4
                overrides: {lookaheadFrames: 300}
            """)
        #expect(Set(problems.map(\.path)) == ["redaction.lookaheadFrames", "redaction.motionNetFrames", "redaction.motionNet",
                                              "cameras[0].overrides.lookaheadFrames"], "\(problems)")
    }

    @Test func aLookaheadLongerThanTheHoldIsRejectedAfterMerging() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: hall
                url: samples/library-walk-720p.mp4
                overrides: {lookaheadFrames: 30}
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[0].overrides", in: problems))
        #expect(problem.message.hasPrefix("lookaheadFrames (30) must be ≤ holdFrames (25)"), "\(problem)")
    }
}
