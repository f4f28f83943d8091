import Foundation
import VeilArchive
import VeilMedia
import VeilMetrics
import VeilPipeline
import VeilLive
import VeilCore

/// One redacted segment being encoded: its own encoder (so the segment starts with a
/// keyframe and plays on its own) and MP4 file under a temporary name. Used on the encode
/// thread only. Observes each frame's latency, from its packet's read to its encoded packet.
final class RedactedSegmentWriter {
    let sequence: Int
    let start: Date
    private let pending: PendingSegment
    private let encoder: Encoder
    private let muxer: Muxer
    private let videoStream: Int
    private let store: SegmentStore
    private let packet: Packet
    /// When each frame inside the encoder was read from the camera, by pts, likewise: the
    /// encoder holds frames back (look-ahead, B-frames) and emits them out of order.
    private var readTimes: [Int64: ContinuousClock.Instant] = [:]
    private let frameLatency: Histogram
    /// Feeds the console's live view, if it is served. A failure there stops the live view
    /// until the next segment; it never stops recording.
    private var live: LiveSegmenter?
    private(set) var framesWritten = 0
    private var lastPTS: Int64?

    init(camera: String, video: StreamInfo, settings: EncoderSettings, sequence: Int, start: Date,
         store: SegmentStore, frameLatency: Histogram, live: LiveStream? = nil) throws {
        self.sequence = sequence
        self.frameLatency = frameLatency
        self.start = start
        self.store = store
        let pending = try store.prepare(camera: camera, kind: .redacted, start: start)
        self.pending = pending
        do {
            muxer = try Muxer(path: pending.temporaryPath, format: "mp4", fastStart: true)
            encoder = try Encoder(settings: settings, width: video.width, height: video.height, timeBase: video.timeBase,
                                  frameRate: video.averageFrameRate, globalHeader: muxer.wantsGlobalHeader,
                                  location: pending.relativePath)
            videoStream = try muxer.addStream(from: encoder)
            try muxer.writeHeader()
            packet = try Packet()
            self.live = live.flatMap { try? LiveSegmenter(stream: $0, encoder: encoder, camera: camera) }
        } catch {
            // No writer to abandon later: the file the muxer created (its header may not fit on
            // a full disk) goes now, and so does the name.
            store.abandon(pending)
            throw error
        }
    }

    /// Encodes one redacted frame (already masked; never a clear one).
    func write(_ frame: Frame) throws {
        let pts = frame.makeTimestampFollow(lastPTS)
        lastPTS = pts
        readTimes[pts] = frame.packetReadTime
        while try encoder.send(frame) == .ready {
            try drain()
        }
        try drain()
        framesWritten += 1
    }

    /// Flushes the encoder, completes the MP4 and records it, paired with its raw segment.
    func finish(end: Date, pairedRaw: SegmentID?) throws -> SegmentRecord {
        try encoder.sendEndOfStream()
        try drain()
        feedLive { try $0.publish() }
        try muxer.finish()
        return try store.commit(pending, end: end, pairedRaw: pairedRaw)
    }

    private func feedLive(_ body: (LiveSegmenter) throws -> Void) {
        guard let live else { return }
        do { try body(live) } catch { self.live = nil }
    }

    func abandon() {
        store.abandon(pending)
        unlink(pending.temporaryPath)
    }

    private func drain() throws {
        while try encoder.receive(into: packet) == .ready {
            var readAt: Date?
            if let pts = packet.pts, let readTime = readTimes.removeValue(forKey: pts) {
                let age = ContinuousClock.now - readTime
                frameLatency.observe(age)
                readAt = Date().addingTimeInterval(-age.inSeconds)
            }
            feedLive { try $0.add(packet, readAt: readAt) }
            try muxer.write(packet, toStream: videoStream)
        }
    }
}
