import Foundation
import VeilArchive
import VeilCore
import VeilMedia
import VeilMetrics
import VeilPipeline
import VeilVault

/// The ingest side of one connection, on the camera's own thread: reads packets, seals every
/// original packet into raw segments (lossless: it never waits on the redaction branch), cuts
/// segments at the first keyframe after `segmentSeconds`, and offers video packets to the
/// decoder — dropping whole GOPs, counted, when the redaction branch cannot keep up.
final class IngestLoop {
    private let camera: String
    private let input: CameraInput
    private let store: SegmentStore
    private let vault: Vault
    private let pairing: SegmentPairing
    private let segmentSeconds: Double
    private let output: BoundedQueue<IngestItem>
    private let metrics: CameraMetrics
    private let storage: StorageGuard
    private let clock: SteadyWallClock
    private let footageEnd: FootageEnd
    private var raw: RawSegmentWriter?
    private var timeline: StreamTimeline?
    private var segmentStartPTS: Int64 = 0
    private var dropping = false
    /// End of the newest video packet on the wall clock: where the last segment ends.
    private var lastEnd: Date?
    /// How far the camera's footage is accounted for: in a catalogued segment or a recorded gap.
    /// A lost segment leaves footage missing from here (for a connection's first segment, from
    /// where the last connection's footage ended), not only from its own start.
    private var accountedUntil: Date?

    init(camera: String, input: CameraInput, store: SegmentStore, vault: Vault, pairing: SegmentPairing,
         segmentSeconds: Double, output: BoundedQueue<IngestItem>, metrics: CameraMetrics, storage: StorageGuard,
         clock: SteadyWallClock, footageEnd: FootageEnd) {
        self.storage = storage
        self.camera = camera
        self.input = input
        self.store = store
        self.vault = vault
        self.pairing = pairing
        self.segmentSeconds = segmentSeconds
        self.output = output
        self.metrics = metrics
        self.clock = clock
        self.footageEnd = footageEnd
        accountedUntil = footageEnd.date
    }

    /// Reads until the input ends or fails (returned/thrown to the caller), calling
    /// `packetArrived` for each packet (true for a video keyframe). The open raw segment is
    /// finished either way.
    func run(packetArrived: (_ videoKeyframe: Bool) -> Void) throws -> ReadResult {
        defer { output.close() }
        let packet = try Packet()
        do {
            while try input.read(into: packet) == .packet {
                let readTime = ContinuousClock.now
                guard !output.isCancelled else { throw RecorderError("the redaction pipeline of \(camera) stopped") }
                metrics.packetsIn.increment()
                packetArrived(startsFootage(packet))
                storage.whileWriting()
                try take(packet, readTime: readTime)
            }
            try finishRaw()
            return .endOfStream
        } catch {
            // The failure is what is reported, unless the span it lost could not be recorded either.
            do { try finishRaw() } catch let unrecorded as LossNotRecorded { throw unrecorded } catch {}
            throw error
        }
    }

    /// Whether footage can start at `packet`: a video keyframe with a time. RTSP's first
    /// keyframe often has none (before the stream's timing is known), and is skipped by `take`.
    private func startsFootage(_ packet: Packet) -> Bool {
        packet.streamIndex == input.video.index && packet.isKeyframe && packet.pts != nil
    }

    private func take(_ packet: Packet, readTime: ContinuousClock.Instant) throws {
        let isVideo = packet.streamIndex == input.video.index
        if isVideo, packet.isKeyframe, let pts = packet.pts {
            if timeline == nil {
                // Never before the camera's earlier footage, whatever the wall clock did meanwhile.
                let now = clock.now()
                timeline = StreamTimeline(origin: max(now, footageEnd.date ?? now), originPTS: pts, timeBase: input.video.timeBase)
            }
            if raw == nil || input.video.timeBase.seconds(pts - segmentStartPTS) >= segmentSeconds {
                try startSegment(at: pts)
            }
        }
        guard let raw, let timeline else { return }  // nothing is decodable before the first keyframe
        if isVideo {
            offerToDecoder(packet, readTime: readTime)
            if let pts = packet.pts {
                lastEnd = timeline.date(pts + max(packet.duration, 0))
                footageEnd.date = max(footageEnd.date ?? .distantPast, lastEnd!)
            }
        }
        try raw.write(packet)
    }

    private func offerToDecoder(_ packet: Packet, readTime: ContinuousClock.Instant) {
        if dropping && packet.isKeyframe {
            dropping = false
            output.pushIgnoringCapacity(.discontinuity)
        }
        guard !dropping, let handoff = try? packet.makeReference(), output.tryPush(.packet(handoff, readTime: readTime)) else {
            dropping = true
            metrics.packetsDropped(.overload).increment()
            return
        }
    }

    private func startSegment(at pts: Int64) throws {
        guard let timeline else { return }
        let start = timeline.date(pts)
        try finishRaw(end: start)
        storage.beforeSegment()
        let sequence = pairing.nextSequence()
        segmentStartPTS = pts
        raw = try RawSegmentWriter(camera: camera, demuxer: input.demuxer, streams: input.recordedStreams,
                                   sequence: sequence, start: start, store: store, vault: vault, metrics: metrics)
        output.pushIgnoringCapacity(.boundary(SegmentBoundary(sequence: sequence, pts: pts, time: start)))
    }

    private func finishRaw(end: Date? = nil) throws {
        guard let current = raw, let end = end ?? lastEnd else {
            raw?.abandon()
            raw = nil
            return
        }
        raw = nil
        let record: SegmentRecord
        do {
            record = try current.finish(end: max(end, current.start.addingTimeInterval(0.001)))
        } catch {
            current.abandon()
            // The session's own gap starts only when this failure ends it: the segment's span
            // would otherwise be lost silently.
            try recordLost(from: min(current.start, accountedUntil ?? current.start), to: end, because: error)
            throw error
        }
        accountedUntil = record.end
        metrics.segmentsWritten(.raw).increment()
        try pairing.rawCommitted(record.id, sequence: current.sequence)
    }

    /// Records the span of a segment whose file could not be written as a gap, so no footage
    /// goes missing silently. Through `catalogWrite`: on a full disk the row fails with
    /// `SQLITE_FULL` too, and the space reserve is released for its retry. If it still fails,
    /// throws `LossNotRecorded`, which the recorder reports in place of `error`.
    private func recordLost(from start: Date, to end: Date, because error: any Error) throws {
        let reason: Gap.Reason = OutOfSpace.caused(error) ? .storageFull : .disconnected
        let gap = Gap(camera: camera, start: start, end: max(end, start), reason: reason, detail: "segment not written: \(error)")
        do {
            try store.catalogWrite { try store.catalog.recordGap(gap) }
            accountedUntil = max(accountedUntil ?? gap.end, gap.end)
        } catch let gapError {
            throw LossNotRecorded(segmentFailure: error, gap: gap, gapFailure: gapError)
        }
    }
}

/// A segment was lost and its span could not be recorded as a gap either: the footage from
/// `gap.start` to `gap.end` is missing from the catalog without a row saying so.
struct LossNotRecorded: Error, CustomStringConvertible {
    let segmentFailure: any Error
    let gap: Gap
    let gapFailure: any Error

    var description: String {
        "\(segmentFailure); the gap over the lost footage (\(gap.start) to \(gap.end)) could not be recorded in the catalog either: \(gapFailure)"
    }
}
