package import Foundation
package import VeilMedia

/// Cuts one encoder's packets into live HLS segments at its keyframes and publishes them to
/// a camera's ``LiveStream``. Lives as long as one redacted segment's encoder, on the
/// encode thread; the next encoder starts a new initialisation segment.
package final class LiveSegmenter {
    private let stream: LiveStream
    private let writer: FragmentedMP4Writer
    private let initialization: Int
    private let timeBase: TimeBase
    /// The segment being built: its first picture's time and read time, and where it ends.
    private var current: (firstPTS: Int64, read: Date, endPTS: Int64)?

    package init(stream: LiveStream, encoder: Encoder, camera: String) throws {
        self.stream = stream
        writer = try FragmentedMP4Writer(encoder: encoder, describedAs: "live view of camera \(camera)")
        initialization = stream.addInitialization(writer.initialization)
        timeBase = encoder.timeBase
        margin = Int64(10 * Double(timeBase.denominator) / Double(timeBase.numerator))
    }

    /// Ten seconds, added to every time so that none is negative.
    private let margin: Int64

    /// Adds an encoded packet (a reference is kept; `packet` is left as it was). `readAt` is
    /// when its frame was read from the camera, if known.
    package func add(_ packet: Packet, readAt: Date?) throws {
        if packet.isKeyframe { try publish() }
        guard current != nil || packet.isKeyframe else { return }  // a segment must start with a keyframe
        let pts = packet.pts ?? packet.dts ?? 0
        let end = pts + max(packet.duration, 0)
        if let segment = current {
            current = (min(segment.firstPTS, pts), segment.read, max(segment.endPTS, end))
        } else {
            current = (pts, readAt ?? Date(), end)
        }
        let reference = try packet.makeReference()
        // A camera's first decoding times may be negative (B-frames before a pts of 0).
        reference.dts = reference.dts.map { $0 + margin }
        reference.pts = reference.pts.map { $0 + margin }
        try writer.write(reference)
    }

    /// Publishes the segment built so far (at the next keyframe, and when the encoder ends).
    package func publish() throws {
        guard let segment = current else { return }
        current = nil
        let bytes = try writer.cut()
        guard !bytes.isEmpty else { return }
        stream.publish(bytes, initialization: initialization,
                       duration: max(timeBase.seconds(segment.endPTS - segment.firstPTS), 0.001), firstFrameRead: segment.read)
    }
}
