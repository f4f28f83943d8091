public import VeilMedia
public import VeilVision

/// The settings a camera (or the `redaction:` defaults) sets explicitly; nil means "inherit".
public struct RedactionOverrides: Sendable, Hashable {
    public var style: RedactionStyleKind?
    public var blurStrength: Int?
    public var pixelateBlock: Int?
    public var solidLuma: UInt8?
    public var faceThreshold: Float?
    public var personThreshold: Float?
    public var personModel: PersonDetector.Model?
    public var closeRangePass: Bool?
    public var faceCadence: Int?
    public var personCadence: Int?
    public var holdFrames: Int?
    public var stalenessFrames: Int?
    public var stillSceneReuseFrames: Int?
    /// Frames held for lookahead; nil inherits (whose default is the larger cadence).
    public var lookaheadFrames: Int?
    public var eventTriggers: Bool?
    public var motionNet: Bool?
    public var motionNetFrames: Int?
    public var margin: Double?
    public var headsOnly: Bool?
    public var keepAudio: Bool?
    public var hardwareDecoding: HardwareDecoding.Mode?
    public var vaapiDevice: String?
    public var encoderCodec: String?
    public var encoderPreset: String?
    public var encoderCRF: Int?
    /// A tune name, or `none` to use no tune.
    public var encoderTune: String?

    public init() {}

    /// True when nothing is overridden.
    public var isEmpty: Bool { self == RedactionOverrides() }
}

extension RedactionSettings {
    /// These settings with every value the overrides set replaced.
    public func applying(_ overrides: RedactionOverrides) -> RedactionSettings {
        var merged = self
        merged.style = overrides.style ?? style
        merged.blurStrength = overrides.blurStrength ?? blurStrength
        merged.pixelateBlock = overrides.pixelateBlock ?? pixelateBlock
        merged.solidLuma = overrides.solidLuma ?? solidLuma
        merged.faceThreshold = overrides.faceThreshold ?? faceThreshold
        merged.personThreshold = overrides.personThreshold ?? personThreshold
        merged.personModel = overrides.personModel ?? personModel
        merged.closeRangePass = overrides.closeRangePass ?? closeRangePass
        merged.faceCadence = overrides.faceCadence ?? faceCadence
        merged.personCadence = overrides.personCadence ?? personCadence
        merged.holdFrames = overrides.holdFrames ?? holdFrames
        merged.stalenessFrames = overrides.stalenessFrames ?? stalenessFrames
        merged.stillSceneReuseFrames = overrides.stillSceneReuseFrames ?? stillSceneReuseFrames
        merged.lookaheadFrames = overrides.lookaheadFrames ?? lookaheadFrames
        merged.eventTriggers = overrides.eventTriggers ?? eventTriggers
        merged.motionNet = overrides.motionNet ?? motionNet
        merged.motionNetFrames = overrides.motionNetFrames ?? motionNetFrames
        merged.margin = overrides.margin ?? margin
        merged.headsOnly = overrides.headsOnly ?? headsOnly
        merged.keepAudio = overrides.keepAudio ?? keepAudio
        merged.hardwareDecoding = overrides.hardwareDecoding ?? hardwareDecoding
        merged.vaapiDevice = overrides.vaapiDevice ?? vaapiDevice
        merged.encoderCodec = overrides.encoderCodec ?? encoderCodec
        merged.encoderPreset = overrides.encoderPreset ?? encoderPreset
        merged.encoderCRF = overrides.encoderCRF ?? encoderCRF
        if let tune = overrides.encoderTune { merged.encoderTune = tune == "none" ? nil : tune }
        return merged
    }
}
