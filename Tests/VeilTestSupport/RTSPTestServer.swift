import Foundation
import Glibc
import Synchronization

/// A real RTSP camera for integration tests: `scripts/rtsp-test-server.py` (GStreamer's RTSP
/// server) serving the bundled sample as an endless live H.264 stream on a free loopback port.
///
/// Faults a real camera has are one call away: `kill()` (the camera goes away), `stop()` /
/// `resume()` (SIGSTOP/SIGCONT: the camera freezes with its connections open), `restart()`
/// (back on the same port). The process is always terminated in `deinit`, and it also exits by
/// itself when the test process dies (it watches its stdin, whose write end only we hold).
package final class RTSPTestServer: Sendable {
    /// Basic-auth credentials the server demands.
    package struct Credentials: Sendable {
        package var user: String, password: String
        package init(user: String, password: String) { self.user = user; self.password = password }
    }

    /// The port the server listens on; it keeps it across `restart()`.
    package let port: UInt16
    package let path: String
    /// The address it listens on (loopback unless a test needs it on a namespace's link).
    package let address: String
    package let credentials: Credentials?
    /// Certificate and key for `rtsps://`; nil serves plain `rtsp://`.
    package let tls: TestCertificates.ServerIdentity?
    private let directory: URL
    private let running: Mutex<RunningServer?>

    /// Starts a server on a free port and waits until it accepts connections.
    /// - Parameter size: the picture size the camera sends; nil: the sample's own. A smaller
    ///   camera is the sample re-encoded (GOP 25, no B-frames), for tests where many cameras
    ///   run at once and CPU must not be what bounds them.
    package init(path: String = "/cam1", credentials: Credentials? = nil, tls: TestCertificates.ServerIdentity? = nil,
                 size: (width: Int, height: Int)? = nil, address: String = "127.0.0.1") throws {
        self.path = path
        self.address = address
        self.credentials = credentials
        self.tls = tls
        directory = try TestSupport.temporaryDirectory(prefix: "veil-rtsp")
        do {
            let file = directory.appendingPathComponent("camera.h264").path
            // Annex-B copy of the sample (GOP 50, no B-frames): what a camera sends, no re-encoding.
            let encoding = size.map { ["-vf", "scale=\($0.width):\($0.height)", "-c:v", "libx264", "-preset", "ultrafast",
                                       "-g", "25", "-bf", "0", "-an"] } ?? ["-c", "copy", "-bsf:v", "h264_mp4toannexb"]
            try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-i", TestSupport.sample] + encoding + ["-f", "h264", file])
            let server = try RunningServer.launch(arguments: Self.arguments(file: file, port: 0, path: path,
                                                                            credentials: credentials, tls: tls, address: address),
                                                  log: directory.appendingPathComponent("server.log"))
            port = server.port
            running = Mutex(server)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        running.withLock { $0?.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// `rtsp://127.0.0.1:PORT/cam1` (`rtsps://` with TLS), with `user:password@` when given.
    /// The Annex-B file the server streams: the camera's plaintext bitstream.
    package var bitstreamPath: String { directory.appendingPathComponent("camera.h264").path }

    package func url(user: String? = nil, password: String? = nil) -> String {
        let scheme = tls == nil ? "rtsp" : "rtsps"
        let userInfo = user.map { "\($0):\(password ?? "")@" } ?? ""
        return "\(scheme)://\(userInfo)\(address):\(port)\(path)"
    }

    /// The URL with the server's own credentials (or none when it demands none).
    package var authorizedURL: String { url(user: credentials?.user, password: credentials?.password) }

    /// The camera goes away: SIGKILL, and waits until the process is gone.
    package func kill() { running.withLock { $0?.terminate(); $0 = nil } }

    /// The camera freezes: SIGSTOP. Its sockets stay open, nothing is sent or answered.
    package func stop() { running.withLock { $0?.signal(SIGSTOP) } }

    /// A frozen camera carries on: SIGCONT.
    package func resume() { running.withLock { $0?.signal(SIGCONT) } }

    /// Kills the server if it runs and starts it again on the same port (ready when this returns).
    package func restart() throws {
        try running.withLock { server in
            server?.terminate()
            server = nil
            let file = directory.appendingPathComponent("camera.h264").path
            server = try RunningServer.launch(arguments: Self.arguments(file: file, port: port, path: path,
                                                                        credentials: credentials, tls: tls, address: address),
                                              log: directory.appendingPathComponent("server.log"))
        }
    }

    package var isRunning: Bool { running.withLock { $0 != nil } }

    private static func arguments(file: String, port: UInt16, path: String, credentials: Credentials?,
                                  tls: TestCertificates.ServerIdentity?, address: String) -> [String] {
        var arguments = [TestSupport.serverScript, "--file", file, "--port", String(port), "--path", path,
                         "--address", address, "--watch-stdin"]
        if let credentials { arguments += ["--user", credentials.user, "--password", credentials.password] }
        if let tls { arguments += ["--tls-cert", tls.certificate, "--tls-key", tls.key] }
        return arguments
    }
}
