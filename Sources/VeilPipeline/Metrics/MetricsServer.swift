import Glibc
import Synchronization

/// The Prometheus endpoint: `GET /metrics` on a loopback address, served from one dedicated
/// thread with blocking-style POSIX sockets and `poll`, one connection at a time.
///
/// A scraper is the only expected client, so a slow or malformed one is simply cut off: the
/// request head must arrive within `requestTimeout` and fit in 8 KiB, and the response must
/// be taken within the same time. `stop()` wakes the thread through a pipe, joins it and
/// closes the sockets; it is idempotent and also runs in `deinit`.
public final class MetricsServer: Sendable {
    private enum State {
        case idle
        case running(thread: StageThread, listener: Int32, wakeRead: Int32, wakeWrite: Int32)
        case stopped
    }

    /// The configured host, as given.
    public let host: String
    /// The configured port; 0 means any free one (``start()`` returns the one bound).
    public let port: UInt16
    private let registry: MetricsRegistry
    private let requestTimeout: Duration
    private let state = Mutex(State.idle)

    /// Serves `registry` on `host:port` once started; port 0 lets the system pick one.
    /// `host` must be loopback: 127.0.0.0/8, `localhost` or `::1` (checked again by `start`).
    public init(host: String, port: UInt16, registry: MetricsRegistry, requestTimeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.registry = registry
        self.requestTimeout = requestTimeout
    }

    deinit { stop() }

    /// Binds, starts serving and returns the bound port (the chosen one when `port` is 0).
    /// Throws ``MetricsServerError`` for a non-loopback host or a port in use. Call once.
    public func start() throws -> UInt16 {
        precondition(state.withLock { if case .idle = $0 { true } else { false } },
                     "MetricsServer.start() called twice, or after stop()")
        guard let address = LoopbackAddress(host: host, port: port) else { throw MetricsServerError.notLoopback(host) }
        let listener = try Self.listen(on: address, host: host, port: port)
        var wake: [Int32] = [0, 0]
        guard pipe(&wake) == 0 else {
            let error = MetricsServerError.socketFailed("pipe", errno: errno)
            close(listener)
            throw error
        }
        for fd in wake { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let bound = Self.boundPort(of: listener)
        let connection = Connection(registry: registry, wake: wake[0], timeout: requestTimeout)
        let started = state.withLock { state in
            guard case .idle = state else { return false }
            let thread = StageThread(name: "veil-metrics") { Self.serve(listener: listener, connection: connection) }
            state = .running(thread: thread, listener: listener, wakeRead: wake[0], wakeWrite: wake[1])
            return true
        }
        guard started else {
            close(listener); close(wake[0]); close(wake[1])
            preconditionFailure("MetricsServer.start() called twice, or after stop()")
        }
        return bound
    }

    /// Stops serving: wakes and joins the thread, then closes the sockets so the port is free.
    /// Safe to call more than once, and before `start()`.
    public func stop() {
        let previous = state.withLock { state in
            defer { state = .stopped }
            return state
        }
        guard case .running(let thread, let listener, let wakeRead, let wakeWrite) = previous else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        _ = thread.join()
        close(listener)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Accepts connections until the wake pipe becomes readable.
    private static func serve(listener: Int32, connection: Connection) {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: connection.wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || fds[1].revents != 0 { return }
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                // EAGAIN/ECONNABORTED: the client gave up between poll and accept. Anything else
                // (out of descriptors) would repeat at once: pause instead of spinning.
                if errno != EAGAIN && errno != ECONNABORTED && errno != EINTR {
                    var wake = pollfd(fd: connection.wake, events: Int16(POLLIN), revents: 0)
                    if poll(&wake, 1, 100) != 0 { return }
                }
                continue
            }
            connection.handle(client)
            close(client)
        }
    }

    private static func listen(on address: LoopbackAddress, host: String, port: UInt16) throws -> Int32 {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw MetricsServerError.socketFailed("socket", errno: errno) }
        // A restarted daemon must get its port back while the old connections sit in TIME_WAIT.
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if address.withSockaddr({ bind(fd, $0, $1) }) != 0 {
            let error = MetricsServerError.bindFailed(host: host, port: port, errno: errno)
            close(fd)
            throw error
        }
        guard Glibc.listen(fd, 8) == 0 else {
            let error = MetricsServerError.socketFailed("listen", errno: errno)
            close(fd)
            throw error
        }
        return fd
    }

    private static func boundPort(of fd: Int32) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        // sin_port and sin6_port sit at the same offset, right after the family.
        return withUnsafeBytes(of: storage) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
    }
}
