import Foundation
import VeilCore
import VeilMedia
public import VeilVision

/// Progress of an offline redaction, reported after each encoded frame.
public struct RedactionProgress: Sendable {
    public var framesDone: Int
    /// The input's frame count when its container says, else an estimate from duration and rate.
    public var framesExpected: Int?
}

/// The outcome of a successful offline redaction.
public struct RedactionSummary: Sendable {
    public var statistics: RedactionStatistics
    public var seconds: Double
    /// The last detector failure, when any run failed (those frames were masked whole).
    public var detectorError: String?
    public var framesPerSecond: Double { seconds > 0 ? Double(statistics.frames) / seconds : 0 }
}

/// `veil redact`: a file in, a redacted MP4 out, through the same ``RedactionBranch`` (decode →
/// redact → encode on three threads) that every live camera runs.
public enum OfflineRedactor {
    public static func run(
        input: String, output: String, options: RedactionOptions, detectors: [any ObjectDetector],
        progress: @escaping @Sendable (RedactionProgress) -> Void = { _ in }
    ) throws -> RedactionSummary {
        let started = ContinuousClock.now
        let problems = options.problems
        guard problems.isEmpty else { throw PipelineError.invalidOptions(problems) }
        let demuxer = try Demuxer(url: input)
        let video = try demuxer.bestVideoStream()
        let passthrough = options.keepAudio ? demuxer.streams.first { $0.kind == .audio } : nil
        let decoder = try Decoder(demuxer: demuxer, stream: video, threads: options.threads,
                                  hardware: options.hardwareDecoding, exportMotionVectors: options.followsPictureMotion)

        let outputFile = try OutputFile(path: output)
        do {
            let statistics = try transcode(
                demuxer: demuxer, decoder: decoder, passthrough: passthrough, to: outputFile.temporary.path,
                options: options, redactor: FrameRedactor(detectors: detectors, options: options),
                progress: { progress(RedactionProgress(framesDone: $0, framesExpected: expectedFrames(video, demuxer))) }
            )
            guard statistics.0.frames > 0 else { throw PipelineError.noFrames(location: demuxer.location) }
            try outputFile.commit()
            return RedactionSummary(statistics: statistics.0, seconds: seconds(since: started),
                                    detectorError: statistics.1.map { "\($0)" })
        } catch {
            outputFile.discard()
            throw error
        }
    }

    private static func transcode(
        demuxer: Demuxer, decoder: Decoder, passthrough: StreamInfo?, to path: String,
        options: RedactionOptions, redactor: FrameRedactor, progress: @escaping @Sendable (Int) -> Void
    ) throws -> (RedactionStatistics, (any Error)?) {
        let video = decoder.stream
        let muxer = try Muxer(path: path, format: "mp4", fastStart: true)
        let encoder = try Encoder(settings: options.encoder, width: video.width, height: video.height,
                                  timeBase: video.timeBase, frameRate: video.averageFrameRate,
                                  globalHeader: muxer.wantsGlobalHeader, location: path)
        let videoOutput = try muxer.addStream(from: encoder)
        let passthroughOutput = try passthrough.map { try muxer.addStream(copying: $0, of: demuxer) }
        try muxer.writeHeader()

        let branch = RedactionBranch()
        let decode = DecodeStage(demuxer: demuxer, decoder: decoder, passthroughStream: passthrough, output: branch.decoded)
        let redact = RedactStage(redactor: redactor, expectedWidth: video.width, expectedHeight: video.height,
                                 location: demuxer.location, input: branch.decoded, output: branch.redacted)
        let encode = EncodeStage(encoder: encoder, muxer: muxer, videoOutputStream: videoOutput,
                                 passthroughOutputStream: passthroughOutput, input: branch.redacted, frameEncoded: progress)
        if let failure = branch.start(name: "veil", decode: decode.run, redact: redact, encode: encode.run).join() { throw failure }
        return (redactor.statistics, redactor.lastDetectorError)
    }

    private static func expectedFrames(_ video: StreamInfo, _ demuxer: Demuxer) -> Int? {
        if video.announcedPacketCount > 0 { return video.announcedPacketCount }
        guard let seconds = demuxer.durationSeconds, video.averageFrameRate.isValid else { return nil }
        return Int(seconds * Double(video.averageFrameRate.numerator) / Double(video.averageFrameRate.denominator))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return elapsed.inSeconds
    }
}
