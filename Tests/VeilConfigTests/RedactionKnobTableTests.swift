import Testing
@testable import VeilConfig

/// The table itself: one knob per `RedactionSettings` field, no key or flag twice.
@Suite("Redaction knob table")
struct RedactionKnobTableTests {
    @Test func everySettingHasExactlyOneKnob() {
        let fields = Mirror(reflecting: RedactionSettings()).children.count
        #expect(RedactionKnob.all.count == fields, "a RedactionSettings field without a knob, or a knob too many")
        #expect(Set(RedactionKnob.all.map { $0.setting as PartialKeyPath<RedactionSettings> }).count == RedactionKnob.all.count)
        #expect(Set(RedactionKnob.all.map(\.key)).count == RedactionKnob.all.count)
        #expect(Set(RedactionKnob.all.map(\.flag)).count == RedactionKnob.all.count)
    }

    @Test func flagsAreReadAsTheirKeysAndNamedInProblems() throws {
        let overrides = try RedactionOverrides(flags: ["hold-frames": "40", "tune": "none"])
        var expected = RedactionSettings.cameraDefaults
        expected.holdFrames = 40
        expected.encoderTune = nil
        #expect(RedactionSettings.cameraDefaults.applying(overrides) == expected)
        #expect(throws: FlagProblems.self) { try RedactionOverrides(flags: ["hold-frames": "-1"]) }
        do {
            _ = try RedactionOverrides(flags: ["hold-frames": "-1", "style": "mosaic", "face-threshold": "1.5"])
            Issue.record("three bad flags were accepted")
        } catch {
            #expect(error.messages == ["--style: 'mosaic' is not one of blur, solid, pixelate",
                                       "--face-threshold: must be between 0 and 1, got '1.5'",
                                       "--hold-frames: must be at least 0, got '-1'"])
        }
    }

    /// The pipeline's checks of combinations speak of its own fields; `veil.yaml` and
    /// `veil redact` name the settings instead, each in its own words.
    @Test func combinationProblemsNameTheSettingByKeyOrFlag() {
        var settings = RedactionSettings()
        settings.stalenessFrames = 30
        settings.lookaheadFrames = 30
        #expect(settings.combinationProblems(naming: \.key) == [
            "stalenessFrames (30) must be ≤ holdFrames (25), or people can be shown while detection is still considered fresh",
            "lookaheadFrames (30) must be ≤ holdFrames (25): a track reaches back at most that far",
        ])
        settings = RedactionSettings()
        settings.faceCadence = 10
        settings.stalenessFrames = 8
        #expect(settings.combinationProblems { "--" + $0.flag } == ["--staleness-frames (8) must be ≥ --face-cadence (10)"])
        #expect(RedactionSettings().combinationProblems(naming: \.key).isEmpty)
    }
}
