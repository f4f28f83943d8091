import VeilCore
import Foundation
import VeilArchive
import VeilMedia
import VeilMetrics
import VeilPipeline
import VeilLive

/// Encodes redacted frames into segment files, one encoder and MP4 per segment, and records
/// each finished segment paired with its raw twin. Runs on its own thread.
struct LiveEncodeStage: @unchecked Sendable {
    let camera: String
    let video: StreamInfo
    let settings: EncoderSettings
    let store: SegmentStore
    let pairing: SegmentPairing
    let input: BoundedQueue<StageItem>
    let metrics: CameraMetrics
    let feed: CameraFeed

    func run() throws {
        var writer: RedactedSegmentWriter?
        var boundary: SegmentBoundary?
        var lastEnd: Date?
        var rate = (since: ContinuousClock.now, frames: 0)
        do {
            while let item = input.pop() {
                switch item {
                case .segmentBoundary(let next):
                    if let current = writer { try finish(current, end: next.time) }
                    writer = nil
                    boundary = next
                case .video(let frame):
                    guard let boundary else { continue }  // before the first keyframe: nothing to pair with
                    if writer == nil {
                        writer = try RedactedSegmentWriter(camera: camera, video: video, settings: settings,
                                                           sequence: boundary.sequence, start: boundary.time, store: store,
                                                           frameLatency: metrics.endToEndLatency, live: feed.live)
                    }
                    let pts = frame.pts ?? boundary.pts
                    let started = ContinuousClock.now
                    try writer?.write(frame)
                    metrics.stageDuration(.encode).observe(ContinuousClock.now - started)
                    metrics.framesOut.increment()
                    rate.frames += 1
                    let elapsed = rate.since.duration(to: .now)
                    if elapsed >= .seconds(1) {
                        let fps = Double(rate.frames) / elapsed.inSeconds
                        metrics.fps.set(fps)
                        feed.update { $0.fps = fps }
                        rate = (.now, 0)
                    }
                    feed.update { $0.lastFrame = Date() }
                    lastEnd = boundary.time.addingTimeInterval(video.timeBase.seconds(pts + max(frame.duration, 0) - boundary.pts))
                case .passthrough, .discontinuity:
                    break
                }
            }
            if let writer, let lastEnd, !input.isCancelled { try finish(writer, end: lastEnd) }
            else { writer?.abandon() }
        } catch {
            writer?.abandon()
            throw error
        }
    }

    private func finish(_ writer: RedactedSegmentWriter, end: Date) throws {
        let twin = pairing.rawTwin(of: writer.sequence)
        let record = try writer.finish(end: max(end, writer.start.addingTimeInterval(0.001)), pairedRaw: twin)
        if twin == nil { try pairing.redactedCommitted(record.id, sequence: writer.sequence) }
        metrics.segmentsWritten(.redacted).increment()
    }
}
