import VeilMedia
import VeilMetrics
import VeilPipeline

/// Decodes a live camera's video packets into frames and places each segment boundary just
/// before the first frame at or after its keyframe. A corrupt packet from the network is
/// counted and skipped rather than ending the recording. Runs on its own thread.
///
/// Each frame leaves with the time its packet was read (`Frame.packetReadTime`), found by
/// presentation time: the decoder may hold and reorder frames, but a frame keeps its packet's pts.
struct LiveDecodeStage: @unchecked Sendable {
    let decoder: Decoder
    let input: BoundedQueue<IngestItem>
    let output: BoundedQueue<StageItem>
    let metrics: CameraMetrics

    func run() throws {
        defer { output.close() }
        let decoded = try Frame()
        let converter = PixelConverter()
        var boundaries: [SegmentBoundary] = []
        var readTimes = PacketReadTimes()
        /// Time spent in the decoder for the current packet, without waiting on the next stage.
        var decoding = Duration.zero

        func decode<Result>(_ body: () throws -> Result) rethrows -> Result {
            let started = ContinuousClock.now
            defer { decoding += ContinuousClock.now - started }
            return try body()
        }

        func drain() throws {
            while try decode({ try decoder.receive(into: decoded) }) == .ready {
                let frame = try Frame()
                try decode {
                    if decoded.isYUV420 { frame.moveReference(from: decoded) } else { try converter.convert(decoded, into: frame) }
                }
                frame.packetReadTime = readTimes.take(frame.pts)
                while let next = boundaries.first, next.pts <= (frame.pts ?? .max) {
                    output.push(.segmentBoundary(boundaries.removeFirst()))
                }
                metrics.framesIn.increment()
                guard output.push(.video(frame)) else { return }
            }
        }

        while let item = input.pop() {
            switch item {
            case .boundary(let boundary):
                boundaries.append(boundary)
            case .discontinuity:
                output.push(.discontinuity)
            case .packet(let packet, let readTime):
                readTimes.add(readTime, pts: packet.pts)
                decoding = .zero
                do {
                    while try decode({ try decoder.send(packet) }) == .ready { try drain() }
                    try drain()
                } catch is MediaError {
                    metrics.decodeErrors.increment()
                }
                metrics.stageDuration(.decode).observe(decoding)
            }
        }
        guard !input.isCancelled else { return }
        // A camera cut off mid-frame leaves a last packet the decoder rejects only when
        // flushed; that costs the frame, not the segment before it.
        do {
            try decoder.sendEndOfStream()
            try drain()
        } catch is MediaError {
            metrics.decodeErrors.increment()
        }
    }
}
