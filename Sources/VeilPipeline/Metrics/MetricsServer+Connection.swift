import Glibc

extension MetricsServer {
    /// Reads one request from an accepted socket and writes one response, within a deadline,
    /// giving up at once when the server's wake pipe fires (shutdown).
    struct Connection: Sendable {
        let registry: MetricsRegistry
        /// Read end of the server's wake pipe.
        let wake: Int32
        let timeout: Duration

        private enum Wait { case ready, timedOut, stopping }

        func handle(_ client: Int32) {
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let deadline = ContinuousClock.now + timeout
            var head: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 2048)
            let response: MetricsHTTP.Response
            while true {
                if let end = MetricsHTTP.endOfHead(in: head) {
                    response = MetricsHTTP.respond(toHead: Array(head[..<end])) { registry.render() }
                    break
                }
                if head.count > MetricsHTTP.maxRequestHeadBytes {
                    response = .error(431, "Request Header Fields Too Large")
                    break
                }
                switch wait(for: client, events: POLLIN, until: deadline) {
                case .stopping: return
                case .timedOut:
                    response = .error(408, "Request Timeout")
                case .ready:
                    let count = recv(client, &chunk, chunk.count, 0)
                    if count > 0 { head += chunk[..<count]; continue }
                    if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                    return  // closed or reset before a whole request arrived: nobody to answer
                }
                break
            }
            guard send(response.bytes, to: client, until: deadline) else { return }
            drain(client, until: deadline)
        }

        /// Writes all of `bytes`; false if the client went away or stopped reading past the deadline.
        private func send(_ bytes: [UInt8], to client: Int32, until deadline: ContinuousClock.Instant) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent > 0 { offset += sent; continue }
                guard sent < 0, errno == EAGAIN || errno == EINTR else { return false }
                guard case .ready = wait(for: client, events: POLLOUT, until: deadline) else { return false }
            }
            return true
        }

        /// Ends the response and reads whatever the client still sends (the rest of an oversized
        /// request) until it closes: closing a socket with unread input sends a reset, and a
        /// reset can make the client discard the response it has not read yet.
        private func drain(_ client: Int32, until deadline: ContinuousClock.Instant) {
            shutdown(client, Int32(SHUT_WR))
            var scratch = [UInt8](repeating: 0, count: 2048)
            while case .ready = wait(for: client, events: POLLIN, until: deadline) {
                let count = recv(client, &scratch, scratch.count, 0)
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return }
            }
        }

        private func wait(for client: Int32, events: Int32, until deadline: ContinuousClock.Instant) -> Wait {
            while true {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else { return .timedOut }
                let milliseconds = Int32(min(remaining / .milliseconds(1), 60_000).rounded(.up))
                var fds = [pollfd(fd: client, events: Int16(events), revents: 0),
                           pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&fds, 2, milliseconds)
                if ready < 0 && errno != EINTR { return .stopping }
                if fds[1].revents != 0 { return .stopping }
                if fds[0].revents != 0 { return .ready }
            }
        }
    }
}
