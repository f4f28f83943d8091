import Foundation
import Glibc
import Synchronization

/// A camera of another make for integration tests: VLC's RTSP server (`cvlc` from Debian's
/// `vlc-bin` + `vlc-plugin-base`) looping a short clip. It serves RTP over UDP only (configure the
/// camera with `transport: udp`) and ends the RTP session with an RTCP BYE each time the clip
/// wraps around, which FFmpeg reports as end of file.
///
/// VLC refuses to run as root: as root the server runs as the system user `veil-vlc` (made by
/// `scripts/setup.sh`, or here if missing) through `setpriv`, which execs VLC in place, so the
/// process we hold is VLC itself and `kill()` really stops the camera.
///
/// It keeps the intervals during which it served (ready → killed), so a test can say how many
/// frames the camera sent: `servedSeconds × framesPerSecond`.
package final class VLCTestServer: Sendable {
    package static let user = "veil-vlc"
    package let port: UInt16
    package let path = "/cam1"
    package let clipSeconds: Double
    package let framesPerSecond = 25
    private let directory: URL
    private let state: Mutex<(process: Process?, served: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant?)])>

    /// Makes a `clipSeconds` clip of the bundled sample (640×360, a keyframe every `keyframeInterval`
    /// frames, no B-frames: what a camera sends) and starts VLC looping it on a free port.
    package init(clipSeconds: Double = 3, keyframeInterval: Int = 25) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cvlc") else {
            throw TestSupport.Failure(description: "VLC is not installed (/usr/bin/cvlc): run `bash scripts/setup.sh` (vlc-bin, vlc-plugin-base)")
        }
        self.clipSeconds = clipSeconds
        directory = try TestSupport.temporaryDirectory(prefix: "veil-vlc")
        state = Mutex((nil, []))
        // VLC (another user) must read the clip and write its settings under HOME here.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        let clipPath = directory.appendingPathComponent("clip.mp4").path
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-i", TestSupport.sample, "-t", String(clipSeconds),
                                                "-vf", "scale=640:360", "-an", "-c:v", "libx264", "-preset", "veryfast",
                                                "-g", String(keyframeInterval), "-bf", "0", clipPath])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: clipPath)
        if getuid() == 0 { try Self.ensureUser() }
        do {
            port = try TestSupport.freeLoopbackPort()
            try restart()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// How often VLC 3.0 wraps a looped clip: measured here, about a second sooner than the clip
    /// lasts (the RTSP description's track changes every 3 s for a 4 s clip, every 1 s for 2 s).
    package static func wrapPeriod(clipSeconds: Double) -> Double { max(clipSeconds - 1, 0.5) }

    private var clipPath: String { directory.appendingPathComponent("clip.mp4").path }

    package func url() -> String { "rtsp://127.0.0.1:\(port)\(path)" }

    /// Frames the camera sent while it served since `since` (every interval from ready to killed,
    /// or to now).
    package func framesServed(since: ContinuousClock.Instant) -> Int {
        let now = ContinuousClock.now
        let seconds = state.withLock {
            $0.served.reduce(0.0) { total, interval in
                let start = max(interval.start, since), end = interval.end ?? now
                return total + (end > start ? Self.seconds(start.duration(to: end)) : 0)
            }
        }
        return Int(seconds * Double(framesPerSecond))
    }

    /// The camera goes away: SIGKILL, reaped before this returns.
    package func kill() {
        state.withLock { state in
            guard let process = state.process else { return }
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            state.process = nil
            if let last = state.served.indices.last, state.served[last].end == nil { state.served[last].end = .now }
        }
    }

    /// Kills VLC if it runs, starts it again on the same port and returns once it serves the stream.
    package func restart() throws {
        kill()
        let process = Process()
        var arguments = ["--no-audio", "--loop", "--sout-keep", "--no-video-title-show", clipPath,
                         "--sout", "#rtp{sdp=rtsp://127.0.0.1:\(port)\(path)}"]
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            arguments = ["--reuid=\(Self.user)", "--regid=\(Self.user)", "--init-groups", "/usr/bin/cvlc"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/cvlc")
        }
        process.arguments = arguments
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        let log = directory.appendingPathComponent("vlc.log")
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        state.withLock { $0.process = process }
        let deadline = ContinuousClock.now + .seconds(20)
        while !Self.serves(port: port, path: path) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                kill()
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw TestSupport.Failure(description: "VLC did not start serving \(url()) within 20 s: \(said.suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        state.withLock { $0.served.append((ContinuousClock.now, nil)) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func ensureUser() throws {
        if getpwnam(user) != nil { return }
        try TestSupport.run("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user])
    }

    /// Whether VLC would serve a client now: it answers DESCRIBE with 200 OK. (It accepts TCP
    /// connections, and answers 404, for a while before its stream is set up.)
    private static func serves(port: UInt16, path: String) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: port.bigEndian,
                                  sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("DESCRIBE rtsp://127.0.0.1:\(port)\(path) RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n".utf8)
        guard send(socket, request, request.count, 0) == request.count else { return false }
        var reply = [UInt8](repeating: 0, count: 64)
        let count = recv(socket, &reply, reply.count, 0)
        return count > 0 && String(decoding: reply[..<count], as: UTF8.self).hasPrefix("RTSP/1.0 200")
    }
}

