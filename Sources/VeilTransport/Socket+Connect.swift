import Glibc

extension Socket {
    /// Opens a non-blocking TCP connection to `host:port` (any address family the name resolves
    /// to), giving up at `deadline` or when `shouldStop` says so. Throws `.unreachable` naming the camera.
    static func connect(host: String, port: UInt16, within timeout: Duration,
                        shouldStop: () -> Bool) throws -> Socket {
        let camera = RelayTarget.describe(host: host, port: port)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw TransportError(.unreachable, camera: camera,
                                 "cannot resolve camera \(camera): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }

        var lastProblem = "no address"
        let deadline = ContinuousClock.now + timeout
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue),
                                    address.pointee.ai_protocol)
            guard descriptor >= 0 else { lastProblem = errorText(); continue }
            let connection = Socket(descriptor: descriptor)
            try connection.setNonBlocking()
            if Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return connection }
            guard errno == EINPROGRESS else { lastProblem = errorText(); continue }
            // Poll in short slices so that stop() is never kept waiting for a slow network.
            while ContinuousClock.now < deadline && !shouldStop() {
                guard connection.wait(for: Int16(POLLOUT), milliseconds: 100) != 0 else { continue }
                var failure: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
                if failure == 0 { return connection }
                lastProblem = errorText(failure)
                break
            }
            if ContinuousClock.now >= deadline { lastProblem = "no answer within \(timeout)" }
            if shouldStop() { lastProblem = "the relay was stopped" }
        }
        throw TransportError(.unreachable, camera: camera, "cannot connect to camera \(camera): \(lastProblem)")
    }
}
