import Foundation
import ArgumentParser
import VeilConfig
import VeilCore
import VeilInference
import VeilMedia
import VeilPipeline
import VeilVision

/// Detection and masking options of `veil redact` (and, later, of camera overrides).
struct RedactionArguments: ParsableArguments {
    @Option(help: "How to hide: blur (default), solid, or pixelate (mosaic; can be re-identified, opt-in).")
    var style: StyleName = .blur

    @Option(help: "Blur kernel as a percentage of each region's smaller side.")
    var blurStrength = 50

    @Option(help: "Mosaic block size in pixels, with --style pixelate.")
    var pixelateBlock = 16

    @Option(help: "Face detector score threshold, 0–1.")
    var faceThreshold: Float = FaceDetector.Options().scoreThreshold

    @Option(help: "Person detector score threshold, 0–1.")
    var personThreshold: Float = PersonDetector.Options().scoreThreshold

    @Option(help: "Person detector model: yoloV3Tiny (default), yoloV3TinyInt8 (int8 on OpenVINO: less CPU, finds a little less) or ssdLite.")
    var personModel: PersonDetector.Model = .yoloV3Tiny

    @Flag(inversion: .prefixedNo, help: "With either YOLO, also run SSDLite on the whole frame for large, close people.")
    var closeRangePass = RedactionSettings().closeRangePass

    @Option(help: "Run the face detector every N frames.")
    var faceCadence = RedactionOptions().schedule.cadence(of: .face)!

    @Option(help: "Run the person detector every N frames.")
    var personCadence = RedactionOptions().schedule.cadence(of: .person)!

    @Option(help: "Keep a mask this many frames after its last detection.")
    var holdFrames = RedactionOptions().tracker.holdFrames

    @Option(help: "Mask whole frames when the freshest detection is more than N frames old.")
    var stalenessFrames = RedactionOptions().masks.stalenessFrames

    @Option(help: "Reuse a detector's last result while the picture is unchanged, for at most N frames (0: always run).")
    var stillSceneReuseFrames = RedactionSettings().stillSceneReuseFrames

    @Option(help: "Hold this many frames so a person detected later is masked on the frames before, as they came in (default: the larger cadence; 0: off).")
    var lookaheadFrames: Int?

    @Flag(inversion: .prefixedNo, help: "Run the detectors as soon as something moves that no mask covers, not only at the cadence.")
    var eventTriggers = true

    @Flag(help: "Mask regions that keep moving with no detection on them (the motion safety net; on by default for cameras).")
    var motionNet = false

    @Option(help: "Frames a region must keep moving uncovered before --motion-net masks it.")
    var motionNetFrames = RedactionSettings().motionNetFrames

    @Option(help: "Grow every mask by this fraction of its size on each side.")
    var margin = RedactionOptions().masks.margin

    @Flag(help: "Hide only the head region of each person instead of the whole body.")
    var headsOnly = false

    @Option(name: .customLong("zone"), help: "A privacy zone always hidden: 'x,y x,y x,y …' in frame pixels (repeatable).")
    var zones: [String] = []

    @Flag(help: "Copy the input's audio into the output (dropped by default).")
    var keepAudio = false

    @Option(help: "Decode on the CPU (none), with VAAPI (vaapi; fails without a usable GPU), or VAAPI when available (auto).")
    var hwaccel = HardwareDecoding.Mode.none

    @Option(help: "VAAPI render node, with --hwaccel vaapi or auto.")
    var hwaccelDevice = HardwareDecoding.defaultDevice

    @Option(help: "Detector runtime: openvino, opencv (OpenCV DNN), or auto (OpenVINO when it loads, else OpenCV).")
    var inference: InferenceBackend = .auto

    @Option(help: "OpenVINO's precision: f32 (as OpenCV) or bf16 (faster where the CPU has BF16).")
    var precision: InferencePrecision = .f32

    @Option(help: "Folder holding manifest.json and the detector weights (default: models/ of the installation).")
    var models: String?

    enum StyleName: String, ExpressibleByArgument, CaseIterable {
        case blur, solid, pixelate
    }

    func validate() throws {
        for (name, value) in [("--face-threshold", faceThreshold), ("--person-threshold", personThreshold)]
        where !(0...1).contains(value) {
            throw ValidationError("\(name) must be between 0 and 1, not \(value)")
        }
        for (name, value) in [("--face-cadence", faceCadence), ("--person-cadence", personCadence)] where value < 1 {
            throw ValidationError("\(name) must be at least 1 (every frame), not \(value)")
        }
        guard holdFrames >= 0 else { throw ValidationError("--hold-frames must be 0 or more, not \(holdFrames)") }
        guard stalenessFrames >= 0 else { throw ValidationError("--staleness-frames must be 0 or more, not \(stalenessFrames)") }
        guard stillSceneReuseFrames >= 0 else {
            throw ValidationError("--still-scene-reuse-frames must be 0 (off) or more, not \(stillSceneReuseFrames)")
        }
        if let lookaheadFrames, !(0...250).contains(lookaheadFrames) {
            throw ValidationError("--lookahead-frames must be 0 (off) to 250, not \(lookaheadFrames)")
        }
        guard (1...250).contains(motionNetFrames) else {
            throw ValidationError("--motion-net-frames must be 1–250, not \(motionNetFrames)")
        }
        guard (0...2).contains(margin) else { throw ValidationError("--margin must be between 0 and 2, not \(margin)") }
        guard (1...100).contains(blurStrength) else { throw ValidationError("--blur-strength must be 1–100, not \(blurStrength)") }
        guard (2...256).contains(pixelateBlock) else { throw ValidationError("--pixelate-block must be 2–256, not \(pixelateBlock)") }
        _ = try parsedZones()
    }

    /// The same settings a camera's `redaction:` block describes, so that `veil redact` and
    /// `veil record` turn them into options in one place.
    var settings: RedactionSettings {
        var settings = RedactionSettings()
        settings.style = RedactionStyleKind(rawValue: style.rawValue)!
        settings.blurStrength = blurStrength
        settings.pixelateBlock = pixelateBlock
        settings.faceThreshold = faceThreshold
        settings.personThreshold = personThreshold
        settings.personModel = personModel
        settings.closeRangePass = closeRangePass
        settings.faceCadence = faceCadence
        settings.personCadence = personCadence
        settings.holdFrames = holdFrames
        settings.stalenessFrames = stalenessFrames
        settings.stillSceneReuseFrames = stillSceneReuseFrames
        settings.lookaheadFrames = lookaheadFrames
        settings.eventTriggers = eventTriggers
        settings.motionNet = motionNet
        settings.motionNetFrames = motionNetFrames
        settings.margin = margin
        settings.headsOnly = headsOnly
        settings.keepAudio = keepAudio
        settings.hardwareDecoding = hwaccel
        settings.vaapiDevice = hwaccelDevice
        return settings
    }

    func options(encoder: EncoderSettings, threads: Int) throws -> RedactionOptions {
        var options = settings.redactionOptions(zones: try parsedZones())
        options.encoder = encoder
        options.threads = threads
        return options
    }

    /// Loads both detectors from the verified model files onto the chosen runtime; a fallback
    /// from OpenVINO to OpenCV is said once, on standard error.
    func makeDetectors(threads: Int) throws -> [any ObjectDetector] {
        let manifest = try ModelManifest.locate(explicitDirectory: models)
        let (inference, warning) = try InferenceOptions(backend: inference, threads: threads, precision: precision)
            .resolved()
        if let warning { FileHandle.standardError.write(Data("veil: warning: \(warning)\n".utf8)) }
        let detectors = settings.detectorSettings
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

extension PersonDetector.Model: ExpressibleByArgument {}
extension HardwareDecoding.Mode: ExpressibleByArgument {}

extension InferenceBackend: ExpressibleByArgument {}
extension InferencePrecision: ExpressibleByArgument {}
