public import Foundation
import Synchronization

/// A camera's live redacted video as HLS: the last few fragmented-MP4 segments the redacted
/// encoder produced, in memory only (nothing extra is written to disk), and the playlist
/// over them. Written by the camera's encode thread, read by the web console.
public final class LiveStream: Sendable {
    /// One media segment: a fragment that starts with a keyframe.
    public struct Segment: Sendable {
        /// Consecutive from 0 over the recorder's run (`EXT-X-MEDIA-SEQUENCE`).
        public let sequence: Int
        /// The initialisation segment it needs (a new one each time the encoder restarts).
        public let initialization: Int
        public let bytes: [UInt8]
        public let duration: Double
        /// When its first frame was read from the camera (`EXT-X-PROGRAM-DATE-TIME`): a player
        /// that shows that frame at time t is t minus this behind the camera.
        public let firstFrameRead: Date
    }

    struct Window {
        var initializations: [Int: [UInt8]] = [:]
        var segments: [Segment] = []
        var nextSequence = 0
        var nextInitialization = 0
        /// Discontinuities that have left the window (`EXT-X-DISCONTINUITY-SEQUENCE`).
        var discontinuitiesDropped = 0
    }

    /// Segments kept: about this many seconds of video at the recorder's 1 s keyframe interval.
    public let capacity: Int
    private let window = Mutex(Window())

    public init(capacity: Int = 8) {
        precondition(capacity >= 3, "HLS players want at least three segments in a live playlist")
        self.capacity = capacity
    }

    /// Registers a new initialisation segment (the encoder restarted); returns its number.
    func addInitialization(_ bytes: [UInt8]) -> Int {
        window.withLock { window in
            let number = window.nextInitialization
            window.nextInitialization += 1
            window.initializations[number] = bytes
            return number
        }
    }

    /// Publishes a finished segment, dropping the oldest beyond `capacity`.
    func publish(_ bytes: [UInt8], initialization: Int, duration: Double, firstFrameRead: Date) {
        window.withLock { window in
            window.segments.append(Segment(sequence: window.nextSequence, initialization: initialization, bytes: bytes,
                                           duration: duration, firstFrameRead: firstFrameRead))
            window.nextSequence += 1
            while window.segments.count > capacity {
                let dropped = window.segments.removeFirst()
                if let next = window.segments.first, next.initialization != dropped.initialization {
                    window.discontinuitiesDropped += 1
                    window.initializations[dropped.initialization] = nil
                }
            }
        }
    }

    /// The media segment numbered `sequence`, while it is in the window.
    public func segment(_ sequence: Int) -> Segment? {
        window.withLock { window in window.segments.first { $0.sequence == sequence } }
    }

    /// Initialisation segment `number`, while a segment in the window needs it.
    public func initialization(_ number: Int) -> [UInt8]? {
        window.withLock { $0.initializations[number] }
    }

    /// The live playlist, with segment and init URIs relative to it (`live/…`); nil before the
    /// first segment.
    public func playlist() -> String? {
        let window = window.withLock { $0 }
        guard let first = window.segments.first else { return nil }
        let target = Int(window.segments.map(\.duration).max()!.rounded(.up))
        var lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:\(max(1, target))",
                     "#EXT-X-MEDIA-SEQUENCE:\(first.sequence)",
                     "#EXT-X-DISCONTINUITY-SEQUENCE:\(window.discontinuitiesDropped)"]
        var previous: Int?
        for segment in window.segments {
            if segment.initialization != previous {
                if previous != nil { lines.append("#EXT-X-DISCONTINUITY") }
                lines.append("#EXT-X-MAP:URI=\"live/init-\(segment.initialization).mp4\"")
                previous = segment.initialization
            }
            lines.append("#EXT-X-PROGRAM-DATE-TIME:\(HLSTime.programDate(segment.firstFrameRead))")
            lines.append(String(format: "#EXTINF:%.3f,", segment.duration))
            lines.append("live/\(segment.sequence).m4s")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Times as HLS writes them.
public enum HLSTime {
    /// ISO 8601 with milliseconds, UTC (`2026-12-02T03:04:28.000Z`), which `ExportTime` also reads.
    public static func programDate(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
