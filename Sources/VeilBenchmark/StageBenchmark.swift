import VeilCore
import VeilMedia
package import VeilPipeline
package import VeilVision

/// Times each step of the redaction pipeline alone, on the first frames of a real clip, with
/// the production types and options: one stage runs at a time, on one thread, over every
/// frame, so that its wall and CPU time (helper threads included) belong to it alone.
///
/// Order of one run: decode the clip into memory (keeping references to the original packets),
/// then redact each frame with `FrameRedactor` (detect → track/plan → blur), then encode every
/// redacted frame, then seal the original packets.
package struct StageBenchmark {
    let clip: String
    let frameLimit: Int
    let options: RedactionOptions
    let detectors: [any ObjectDetector]
    let sealer: any PacketSealer

    /// `frameLimit`: how many video frames to use from the start of `clip` (fewer if it is shorter).
    package init(clip: String, frameLimit: Int, options: RedactionOptions, detectors: [any ObjectDetector],
                 sealer: any PacketSealer) {
        precondition(frameLimit > 0, "the stage benchmark needs at least one frame")
        self.clip = clip
        self.frameLimit = frameLimit
        self.options = options
        self.detectors = detectors
        self.sealer = sealer
    }

    /// One run over the clip. Detector failures throw: a benchmark of a failing detector means nothing.
    package func run() throws -> StageRun {
        let problems = options.problems
        guard problems.isEmpty else { throw PipelineError.invalidOptions(problems) }
        var run = StageRun()
        let demuxer = try Demuxer(url: clip)
        let video = try demuxer.bestVideoStream()
        let (frames, packets) = try decode(demuxer: demuxer, video: video, cost: &run.costs[.decode, default: StageCost()])
        guard !frames.isEmpty else { throw PipelineError.noFrames(location: demuxer.location) }
        run.frames = frames.count
        try redact(frames, into: &run)
        try StageClock.measure(into: &run.costs[.encode, default: StageCost()]) {
            try encode(frames, video: video)
        }
        run.rawBytes = packets.reduce(0) { $0 + $1.byteCount }
        try StageClock.measure(into: &run.costs[.seal, default: StageCost()]) {
            try sealer.seal(packets, from: demuxer)
        }
        return run
    }

    /// Demuxes and decodes up to `frameLimit` video frames, as `DecodeStage` does. Also keeps a
    /// reference to every packet read (all tracks), as the recorder does for its raw segment.
    private func decode(demuxer: Demuxer, video: StreamInfo, cost: inout StageCost) throws -> ([Frame], [Packet]) {
        // Motion vectors as `veil redact` and `veil record` take them, so masks follow them here too.
        let decoder = try Decoder(demuxer: demuxer, stream: video, threads: options.threads,
                                  exportMotionVectors: options.followsPictureMotion)
        let packet = try Packet(), decoded = try Frame()
        let converter = PixelConverter()
        var frames: [Frame] = [], packets: [Packet] = []

        func drain() throws {
            while try decoder.receive(into: decoded) == .ready {
                let frame = try Frame()
                if decoded.isYUV420 {
                    frame.moveReference(from: decoded)
                } else {
                    try converter.convert(decoded, into: frame)
                }
                frames.append(frame)
            }
        }

        try StageClock.measure(into: &cost) {
            var videoPackets = 0
            while videoPackets < frameLimit, try demuxer.read(into: packet) == .packet {
                packets.append(try packet.makeReference())
                guard packet.streamIndex == video.index else { continue }
                videoPackets += 1
                while try decoder.send(packet) == .ready { try drain() }
                try drain()
            }
            try decoder.sendEndOfStream()
            try drain()
        }
        return (frames, packets)
    }

    /// Redacts each frame in presentation order with the production `FrameRedactor`, timing
    /// its two steps apart: planning (detection, whose runs each detector times itself,
    /// then tracking and planning: the rest) and applying the plan (blur).
    private func redact(_ frames: [Frame], into run: inout StageRun) throws {
        let timed = detectors.map(TimedDetector.init)
        let redactor = FrameRedactor(detectors: timed, options: options)
        var planning = StageCost()
        for frame in frames {
            // Planning only reads the pixels, so it may run before the frame is made writable.
            let plan = frame.withPlanes { image in
                StageClock.measure(into: &planning) { redactor.plan(planes: image, motion: frame.motionField) }
            }
            try StageClock.measure(into: &run.costs[.blur, default: StageCost()]) {
                try frame.makeWritable()
                try frame.withPlanes { try redactor.apply(plan, to: $0) }
            }
        }
        // A benchmark of a failing detector means nothing.
        if let error = redactor.lastDetectorError { throw error }
        var detection = StageCost()
        for detector in timed {
            run.costs[.detect(detector.kind)] = detector.cost
            detection = detection + detector.cost
        }
        planning.wallSeconds -= detection.wallSeconds
        planning.cpuSeconds -= detection.cpuSeconds
        run.costs[.trackAndPlan] = planning
        run.statistics = redactor.statistics
    }

    /// Encodes every frame with the production encoder settings, as `EncodeStage` does; the
    /// packets are dropped (muxing is not part of this stage).
    private func encode(_ frames: [Frame], video: StreamInfo) throws {
        let encoder = try Encoder(settings: options.encoder, width: video.width, height: video.height,
                                  timeBase: video.timeBase, frameRate: video.averageFrameRate,
                                  globalHeader: true, location: clip)
        let packet = try Packet()
        func drain() throws {
            while try encoder.receive(into: packet) == .ready { packet.unref() }
        }
        var lastPTS: Int64?
        for frame in frames {
            lastPTS = frame.makeTimestampFollow(lastPTS)
            while try encoder.send(frame) == .ready { try drain() }
            try drain()
        }
        try encoder.sendEndOfStream()
        try drain()
    }
}
