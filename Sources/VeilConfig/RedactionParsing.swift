import VeilMedia
import VeilVision

extension ConfigurationParser {
    /// Reads `redaction:` or a camera's `overrides:`; both take the same keys.
    func parseRedaction(_ reader: MappingReader) -> RedactionOverrides {
        var settings = RedactionOverrides()
        settings.style = reader.choice("style", RedactionStyleKind.self)
        settings.blurStrength = reader.int("blurStrength", in: 1...100)
        settings.pixelateBlock = reader.int("pixelateBlock", in: 2...256)
        settings.solidLuma = reader.int("solidLuma", in: 0...255).map { UInt8($0) }
        settings.faceThreshold = reader.double("faceThreshold", in: 0...1).map { Float($0) }
        settings.personThreshold = reader.double("personThreshold", in: 0...1).map { Float($0) }
        settings.personModel = reader.choice("personModel", PersonDetector.Model.self)
        settings.closeRangePass = reader.bool("closeRangePass")
        settings.faceCadence = reader.int("faceCadence", in: 1...Int.max)
        settings.personCadence = reader.int("personCadence", in: 1...Int.max)
        settings.holdFrames = reader.int("holdFrames", in: 0...Int.max)
        settings.stalenessFrames = reader.int("stalenessFrames", in: 0...Int.max)
        settings.stillSceneReuseFrames = reader.int("stillSceneReuseFrames", in: 0...Int.max)
        settings.lookaheadFrames = reader.int("lookaheadFrames", in: 0...250)
        settings.eventTriggers = reader.bool("eventTriggers")
        settings.motionNet = reader.bool("motionNet")
        settings.motionNetFrames = reader.int("motionNetFrames", in: 1...250)
        settings.margin = reader.double("margin", in: 0...2)
        settings.headsOnly = reader.bool("headsOnly")
        settings.keepAudio = reader.bool("keepAudio")
        settings.hardwareDecoding = reader.choice("hardwareDecoding", HardwareDecoding.Mode.self)
        if let device = reader.text("vaapiDevice") {
            if device.hasPrefix("/") {
                settings.vaapiDevice = device
            } else {
                reader.report("vaapiDevice", "'\(device)' is not an absolute path such as \(HardwareDecoding.defaultDevice)")
            }
        }
        if let encoder = reader.mapping("encoder") {
            parseEncoder(encoder, into: &settings)
        }
        reader.finish()
        return settings
    }

    private func parseEncoder(_ reader: MappingReader, into settings: inout RedactionOverrides) {
        if let codec = reader.text("codec") {
            if codec.isEmpty || codec.contains(where: \.isWhitespace) {
                reader.report("codec", "'\(codec)' is not an FFmpeg encoder name such as libx264")
            } else {
                settings.encoderCodec = codec
            }
        }
        if let preset = reader.text("preset") {
            if EncoderSettings.presets.contains(preset) {
                settings.encoderPreset = preset
            } else {
                let hint = KeySuggestion.closest(to: preset, among: EncoderSettings.presets).map { " (did you mean '\($0)'?)" } ?? ""
                reader.report("preset", "'\(preset)' is not one of \(EncoderSettings.presets.joined(separator: ", "))\(hint)")
            }
        }
        settings.encoderCRF = reader.int("crf", in: 0...51)
        if let tune = reader.text("tune") {
            if tune == "none" || EncoderSettings.tunes.contains(tune) {
                settings.encoderTune = tune
            } else {
                let hint = KeySuggestion.closest(to: tune, among: EncoderSettings.tunes + ["none"]).map { " (did you mean '\($0)'?)" } ?? ""
                reader.report("tune", "'\(tune)' is not one of \((EncoderSettings.tunes + ["none"]).joined(separator: ", "))\(hint)")
            }
        }
        reader.finish()
    }
}
