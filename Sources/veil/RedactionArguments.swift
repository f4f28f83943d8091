import Foundation
public import ArgumentParser
import VeilConfig
import VeilCore
import VeilInference
import VeilPipeline
import VeilVision
import VeilMedia

/// Detection and masking options of `veil redact`: every `redaction:` key of `veil.yaml` as a
/// flag (the `encoder:` ones are in `EncodingArguments`). Each flag's name, help, accepted
/// values and default come from `RedactionKnob.all`, and its text is read as the YAML value
/// would be, so the file and the command line accept the same values. A knob's property is
/// named as its flag (`KnobArguments.swift`).
struct RedactionArguments: ParsableArguments {
    @Option(knob: \.style) var style: String?
    @Option(knob: \.blurStrength) var blurStrength: String?
    @Option(knob: \.pixelateBlock) var pixelateBlock: String?
    @Option(knob: \.solidLuma) var solidLuma: String?
    @Option(knob: \.faceThreshold) var faceThreshold: String?
    @Option(knob: \.personThreshold) var personThreshold: String?
    @Option(knob: \.personModel) var personModel: String?
    @Flag(knob: \.closeRangePass) var closeRangePass: Bool?
    @Option(knob: \.faceCadence) var faceCadence: String?
    @Option(knob: \.personCadence) var personCadence: String?
    @Option(knob: \.holdFrames) var holdFrames: String?
    @Option(knob: \.stalenessFrames) var stalenessFrames: String?
    @Option(knob: \.stillSceneReuseFrames) var stillSceneReuseFrames: String?
    @Option(knob: \.deferMaskedChangeFrames) var deferMaskedChangeFrames: String?
    @Option(knob: \.lookaheadFrames) var lookaheadFrames: String?
    @Flag(knob: \.followMotionVectors) var followMotionVectors: Bool?
    @Flag(knob: \.eventTriggers) var eventTriggers: Bool?
    @Flag(knob: \.motionNet) var motionNet: Bool?
    @Option(knob: \.motionNetFrames) var motionNetFrames: String?
    @Option(knob: \.margin) var margin: String?
    @Flag(knob: \.headsOnly) var headsOnly: Bool?

    @Option(name: .customLong("zone"), help: "A privacy zone always hidden: 'x,y x,y x,y …' in frame pixels (repeatable).")
    var zones: [String] = []

    @Flag(knob: \.keepAudio) var keepAudio: Bool?
    @Option(knob: \.hardwareDecoding) var hwaccel: String?
    @Option(knob: \.vaapiDevice) var hwaccelDevice: String?

    @Option(help: "Detector runtime: openvino, opencv (OpenCV DNN), or auto (OpenVINO when it loads, else OpenCV).")
    var inference: InferenceBackend = .auto

    @Option(help: "OpenVINO's precision: f32 (as OpenCV) or bf16 (faster where the CPU has BF16).")
    var precision: InferencePrecision = .f32

    @Option(help: "Folder holding manifest.json and the detector weights (default: models/ of the installation).")
    var models: String?

    /// Every flag's value in its range (all bad ones named at once), then their combination
    /// checked as `veil.yaml`'s is, in the same words with flags for keys.
    func validate() throws {
        let problems = RedactionSettings().applying(try overrides()).combinationProblems { "--" + $0.flag }
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        _ = try parsedZones()
    }

    /// The settings the flags set.
    func overrides() throws -> RedactionOverrides {
        try .given(by: self)
    }

    /// The same settings a camera's `redaction:` block describes, so that `veil redact` and
    /// `veil record` turn them into options in one place.
    func settings(encoding: EncodingArguments) throws -> RedactionSettings {
        RedactionSettings().applying(try overrides()).applying(try encoding.overrides())
    }

    func options(encoding: EncodingArguments) throws -> RedactionOptions {
        var options = try settings(encoding: encoding).redactionOptions(zones: try parsedZones())
        options.encoder.gopFrames = encoding.gop
        options.encoder.threads = encoding.threads
        options.threads = encoding.threads
        return options
    }

    /// Loads both detectors from the verified model files onto the chosen runtime; a fallback
    /// from OpenVINO to OpenCV is said once, on standard error.
    func makeDetectors(threads: Int) throws -> [any ObjectDetector] {
        let manifest = try ModelManifest.locate(explicitDirectory: models)
        let (inference, warning) = try InferenceOptions(backend: inference, threads: threads, precision: precision)
            .resolved()
        if let warning { FileHandle.standardError.write(Data("veil: warning: \(warning)\n".utf8)) }
        let detectors = RedactionSettings().applying(try overrides()).detectorSettings
        return [try FaceDetector(manifest: manifest, options: detectors.face, inference: inference),
                try PersonDetector(manifest: manifest, options: detectors.person, inference: inference)]
    }

    /// Parses every `--zone`, naming the one that is malformed.
    func parsedZones() throws -> [Polygon] {
        try zones.enumerated().map { position, text in
            let points = try text.split(separator: " ").map { pair -> Point in
                let parts = pair.split(separator: ",")
                guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x >= 0, y >= 0 else {
                    throw ValidationError("--zone #\(position + 1) '\(text)': '\(pair)' is not a point 'x,y' of non-negative pixels")
                }
                return Point(x: x, y: y)
            }
            guard points.count >= 3 else {
                throw ValidationError("--zone #\(position + 1) '\(text)' needs at least 3 points 'x,y x,y x,y'")
            }
            return Polygon(points)
        }
    }
}

extension InferenceBackend: ExpressibleByArgument {}
extension InferencePrecision: ExpressibleByArgument {}
