import VeilCore
import Foundation
import VeilConfig
import VeilMedia
import VeilTransport

/// One open connection to a camera: a network stream (through a verified TLS relay for
/// `rtsps://`), or a file played as if it were a camera — paced at its frame rate and, when
/// asked, looped with timestamps that keep increasing.
final class CameraInput: @unchecked Sendable {
    let demuxer: Demuxer
    let video: StreamInfo
    /// Every stream the raw segments keep (video and audio).
    let recordedStreams: [StreamInfo]
    /// The camera's name and address, safe to log (no credentials).
    let description: String
    private let file: FileSource?
    private var loopOffsets: [Int: Int64] = [:]
    private var lastEnd: [Int: Int64] = [:]
    private var pacingOrigin: (wall: ContinuousClock.Instant, pts: Int64)?
    private let lock = NSLock()
    private var cancelled = false
    /// The file opened again for the current loop (the first pass reads `demuxer`).
    private var reopenedFile: Demuxer?

    /// How long an open network camera may send nothing before the read fails as a stall. A live
    /// camera sends a frame every 40 ms or so; VLC leaves a track it replaced at a wrap of its
    /// playlist silent until its BYE, seconds later, or for good when the session was set up just
    /// as the track ended. (Opening keeps the longer deadline given to `init`.)
    static let silenceTimeout: Duration = .seconds(2)

    /// Whether opening skipped FFmpeg's full stream probing because `known` matched.
    let probedBriefly: Bool

    /// Opens the camera; `readTimeout` bounds opening and every read. With `known` (what the last
    /// connection to a network camera found), the stream is probed for one packet only, and in full
    /// again when what that finds differs.
    init(camera: CameraConfiguration, relay: TLSRelay?, readTimeout: Duration, known: KnownStreams? = nil) throws {
        switch camera.source {
        case .network(let network):
            var connection = network
            if let relay, let location = RTSPSLocation(url: network.url), let port = relay.port {
                connection.url = location.relayedURL(localPort: port)
            }
            description = "camera \(camera.name) at \(network.url)"
            file = nil
            let url = try connection.connectionURL()
            let options = ["rtsp_transport": network.transport.rawValue]
            if let known, let brief = try Self.openBriefly(url: url, options: options, timeout: readTimeout, known: known) {
                demuxer = brief
                // Parameters probing would have estimated (the frame rate) come from the full probe.
                video = known.video
                recordedStreams = known.recorded
                probedBriefly = true
                return
            }
            demuxer = try Demuxer(url: url, options: options, timeout: readTimeout)
        case .file(let source):
            description = "camera \(camera.name) playing \(source.path)"
            file = source
            demuxer = try Demuxer(url: source.path)
        }
        video = try demuxer.bestVideoStream()
        recordedStreams = demuxer.streams.filter { $0.kind == .video || $0.kind == .audio }
        probedBriefly = false
    }

    /// What this connection found, for the next one.
    var knownStreams: KnownStreams { KnownStreams(video: video, recorded: recordedStreams) }

    /// The input opened with a one-packet probe, or nil when it does not match `known` (then
    /// closed: the caller probes in full).
    private static func openBriefly(url: String, options: [String: String], timeout: Duration,
                                    known: KnownStreams) throws -> Demuxer? {
        let demuxer = try Demuxer(url: url, options: options.merging(KnownStreams.briefProbing) { $1 }, timeout: timeout)
        guard let video = try? demuxer.bestVideoStream(),
              known.matches(video: video, recorded: demuxer.streams.filter { $0.kind == .video || $0.kind == .audio })
        else { return nil }
        return demuxer
    }

    /// Stops a blocked read at once (shutdown); every later read ends the stream.
    func cancel() {
        let looping = lock.withLock {
            cancelled = true
            return reopenedFile
        }
        demuxer.cancel()
        looping?.cancel()
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// The next packet of any recorded stream. A file camera waits until the packet is due and
    /// starts over at its end when looping; a network camera's end means it disconnected.
    func read(into packet: Packet) throws -> ReadResult {
        guard let file else { return try demuxer.read(into: packet, timeout: Self.silenceTimeout) }
        while !isCancelled {
            let source = lock.withLock { reopenedFile } ?? demuxer
            if try source.read(into: packet) == .packet {
                shiftAndPace(packet, file: file)
                return .packet
            }
            guard file.loop else { return .endOfStream }
            loopOffsets = lastEnd
            let next = try Demuxer(url: file.path)
            lock.withLock { reopenedFile = next }
        }
        return .endOfStream
    }

    /// Moves a looped file's timestamps past the previous pass, then waits until it is due.
    private func shiftAndPace(_ packet: Packet, file: FileSource) {
        let offset = loopOffsets[packet.streamIndex] ?? 0
        packet.pts = packet.pts.map { $0 + offset }
        packet.dts = packet.dts.map { $0 + offset }
        if let pts = packet.pts { lastEnd[packet.streamIndex] = max(lastEnd[packet.streamIndex] ?? 0, pts + packet.duration) }
        guard file.pace, packet.streamIndex == video.index, let dts = packet.dts ?? packet.pts else { return }
        let clock = ContinuousClock()
        guard let origin = pacingOrigin else {
            pacingOrigin = (clock.now, dts)
            return
        }
        let due = origin.wall.advanced(by: .microseconds(Int64(video.timeBase.seconds(dts - origin.pts) * 1_000_000)))
        let wait = clock.now.duration(to: due)
        if wait > .zero {
            Thread.sleep(forTimeInterval: wait.inSeconds)
        }
    }
}
