import Glibc

/// One TCP socket descriptor, closed in `deinit`. One owner (thread) at a time.
final class Socket: @unchecked Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// A listening socket on 127.0.0.1 with a port the kernel picks; loopback only, so the
    /// plaintext side of the relay never leaves the machine.
    static func listenOnLoopback() throws -> (Socket, UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw listenError("socket") }
        let listener = Socket(descriptor: descriptor)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound, listen(descriptor, 16) == 0 else { throw listenError("bind/listen") }
        try listener.setNonBlocking()
        return (listener, UInt16(bigEndian: address.sin_port))
    }

    private static func listenError(_ call: String) -> TransportError {
        TransportError(.listen, camera: "127.0.0.1", "the TLS relay could not listen on 127.0.0.1 (\(call)): \(errorText())")
    }

    /// Accepts a pending connection, nil when none is waiting.
    func accept() -> Socket? {
        let client = Glibc.accept(descriptor, nil, nil)
        guard client >= 0 else { return nil }
        // Not inherited by processes started later (accept4 is not visible from Swift's Glibc).
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        return Socket(descriptor: client)
    }

    func setNonBlocking() throws {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw TransportError(.listen, camera: "127.0.0.1", "could not make a socket non-blocking: \(Self.errorText())")
        }
    }

    /// Waits up to `milliseconds` for `events`; returns the events that occurred (0 on timeout).
    func wait(for events: Int16, milliseconds: Int32) -> Int16 {
        var request = pollfd(fd: descriptor, events: events, revents: 0)
        return poll(&request, 1, milliseconds) > 0 ? request.revents : 0
    }

    /// Writes all of `bytes`, waiting while the peer's window is full; false when the peer is
    /// gone or `shouldStop` says so. MSG_NOSIGNAL: a vanished reader must not raise SIGPIPE.
    func sendAll(_ bytes: UnsafeRawBufferPointer, shouldStop: () -> Bool) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                if shouldStop() { return false }
                _ = wait(for: Int16(POLLOUT), milliseconds: 200)
            } else {
                return false
            }
        }
        return true
    }

    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
