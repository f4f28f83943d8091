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
        let overrides = try RedactionOverrides(flags: [\.holdFrames: "40", \.margin: nil, \.encoderTune: "none"])
        var expected = RedactionSettings.cameraDefaults
        expected.holdFrames = 40
        expected.encoderTune = nil
        #expect(RedactionSettings.cameraDefaults.applying(overrides) == expected)
        #expect(throws: FlagProblems.self) { try RedactionOverrides(flags: [\.holdFrames: "-1"]) }
        do {
            _ = try RedactionOverrides(flags: [\.holdFrames: "-1", \.style: "mosaic", \.faceThreshold: "1.5"])
        } catch {
            #expect(error.messages == ["--style: 'mosaic' is not one of blur, solid, pixelate",
                                       "--face-threshold: must be between 0 and 1, got '1.5'",
                                       "--hold-frames: must be at least 0, got '-1'"])
        }
    }
}
