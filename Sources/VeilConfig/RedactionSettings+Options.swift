public import VeilCore
public import VeilPipeline
import VeilMedia
import VeilVision

extension RedactionSettings {
    /// The pipeline options these settings describe, with `zones` always masked.
    /// Cadences must be ≥ 1 (the loader guarantees it; `DetectionSchedule` traps otherwise).
    public func redactionOptions(zones: [Polygon] = []) -> RedactionOptions {
        var options = RedactionOptions()
        options.style = redactionStyle
        options.schedule = DetectionSchedule(cadences: [.face: faceCadence, .person: personCadence])
        options.tracker.holdFrames = holdFrames
        options.masks.stalenessFrames = stalenessFrames
        options.masks.margin = margin
        options.stillScene = stillSceneReuseFrames > 0
            ? StillSceneReuse.Configuration(maximumReuseFrames: stillSceneReuseFrames,
                                            maximumDeferFrames: deferMaskedChangeFrames) : nil
        options.lookaheadFrames = lookaheadFrames
        options.followsPictureMotion = followMotionVectors
        if !eventTriggers { options.triggerGapFrames = nil }
        options.motionNet = motionNet ? MotionNet.Configuration(frames: motionNetFrames) : nil
        options.masks.maskWholeBody = !headsOnly
        options.masks.zones = zones
        options.encoder.codecName = encoderCodec
        options.encoder.preset = encoderPreset
        options.encoder.crf = encoderCRF
        options.encoder.tune = encoderTune
        options.keepAudio = keepAudio
        options.hardwareDecoding = HardwareDecoding(mode: hardwareDecoding, device: vaapiDevice)
        return options
    }

    /// The face and person detector options these settings describe.
    public var detectorSettings: DetectorSettings {
        var face = FaceDetector.Options()
        face.scoreThreshold = faceThreshold
        var person = PersonDetector.Options(model: personModel)
        person.scoreThreshold = personThreshold
        // SSDLite is the close-range network: a second SSDLite pass would add nothing.
        if !closeRangePass || personModel == .ssdLite { person.closeRangeThreshold = nil }
        return DetectorSettings(face: face, person: person)
    }
}
