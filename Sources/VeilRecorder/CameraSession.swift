import Foundation
import VeilArchive
import VeilCore
import VeilMedia
import VeilMetrics
import VeilPipeline
import VeilVault
import VeilVision
import VeilLive

/// What a camera's connections share: where segments go, how frames are redacted.
struct CameraContext: @unchecked Sendable {
    let name: String
    let store: SegmentStore
    let vault: Vault
    let pairing: SegmentPairing
    let segmentSeconds: Double
    let options: RedactionOptions
    /// Loaded once per camera; each connection uses them from its redact thread only.
    let detectors: [any ObjectDetector]
    let metrics: CameraMetrics
    /// Keeps the storage limits before and while this camera writes.
    let storage: StorageGuard
    /// The recorder's wall time: never runs backwards, follows the wall clock forward.
    let clock: SteadyWallClock
    /// Where this camera's footage ends so far, across connections (its thread only).
    let footageEnd: FootageEnd
    /// State and live view for the staff console.
    let feed: CameraFeed
    /// Anonymous people counting, when the camera has zones or lines (its redact thread only).
    var occupancy: CameraOccupancy? = nil
}

/// The end of a camera's newest footage: a new connection's segments start no earlier, so
/// catalog times never overlap whatever the wall clock does. Touched only by the camera's thread.
final class FootageEnd: @unchecked Sendable {
    var date: Date?
}

/// One connection's pipeline, in the order data flows: ingest (this thread: read, seal raw,
/// cut segments) → decode → redact (detect, track, plan, mask) → encode (segment files).
/// Returns when the input ends or fails, after every open segment is finished and recorded.
enum CameraSession {
    static func run(input: CameraInput, context: CameraContext, packetArrived: (_ videoKeyframe: Bool) -> Void) throws -> ReadResult {
        let decoder = try Decoder(demuxer: input.demuxer, stream: input.video, threads: context.options.threads,
                                  hardware: context.options.hardwareDecoding,
                                  exportMotionVectors: context.options.followsPictureMotion)
        // About 2.5 s of a 25 fps camera: rides out a slow detector run without dropping, and
        // still bounds how far the redacted output may lag the camera.
        let packets = BoundedQueue<IngestItem>(capacity: 64)
        let branch = RedactionBranch()
        let (decoded, redacted) = (branch.decoded, branch.redacted)

        let metrics = context.metrics
        let decode = LiveDecodeStage(decoder: decoder, input: packets, output: decoded, metrics: metrics)
        let redactor = FrameRedactor(detectors: context.detectors, options: context.options)
        let redact = RedactStage(redactor: redactor, expectedWidth: input.video.width, expectedHeight: input.video.height,
                                 location: input.description, input: decoded, output: redacted,
                                 observed: { [occupancy = context.occupancy] observation, frame in
            // On the redact thread, right after the detectors ran on the frame that just arrived.
            if let detection = observation.detectionDuration { metrics.stageDuration(.detect).observe(detection) }
            for (kind, count) in observation.detections { metrics.detections(kind).increment(by: count) }
            for kind in observation.failures { metrics.detectorFailures(kind).increment() }
            metrics.motionNetRegions.increment(by: observation.newMotionNetRegions)
            occupancy?.count(observation, frame: frame)
        }) { plan, duration in
            // On the redact thread, as a frame leaves the lookahead window masked.
            metrics.stageDuration(.redact).observe(duration)
            if case .fullFrame(let reason) = plan { metrics.framesFullyMasked(reason).increment() }
        }
        var encoderSettings = context.options.encoder
        if context.feed.live != nil, encoderSettings.gopFrames == nil, input.video.averageFrameRate.isValid {
            // A keyframe every second: live HLS segments of about 1 s, each playable on its own.
            encoderSettings.gopFrames = max(1, Int(Double(input.video.averageFrameRate.numerator)
                                                   / Double(input.video.averageFrameRate.denominator)))
        }
        let encode = LiveEncodeStage(camera: context.name, video: input.video, settings: encoderSettings,
                                     store: context.store, pairing: context.pairing, input: redacted, metrics: metrics,
                                     feed: context.feed)
        let depths = (packets: metrics.queueDepth("packets"), decoded: metrics.queueDepth("decoded"),
                      redacted: metrics.queueDepth("redacted"))
        let running = branch.start(name: "veil-\(context.name)", decode: decode.run, redact: redact, encode: encode.run,
                                   cancel: { packets.cancel(); input.cancel() })
        let ingest = IngestLoop(camera: context.name, input: input, store: context.store, vault: context.vault,
                                pairing: context.pairing, segmentSeconds: context.segmentSeconds, output: packets,
                                metrics: metrics, storage: context.storage, clock: context.clock,
                                footageEnd: context.footageEnd)
        let outcome = Result {
            try ingest.run { keyframe in
                packetArrived(keyframe)
                depths.packets.set(packets.depth)
                depths.decoded.set(decoded.depth)
                depths.redacted.set(redacted.depth)
            }
        }
        if let stageFailure = running.join() { throw stageFailure }
        return try outcome.get()
    }
}
