import Glibc

/// Copies bytes both ways between the local (plaintext, loopback) client and the verified TLS
/// connection to the camera, on the calling thread, until either side closes or `shouldStop`.
///
/// One thread per connection, both sockets non-blocking, one `poll` for both: an `SSL` object
/// must not be used by two threads at once, so the two directions cannot have a thread each.
/// Polls in 200 ms slices so `stop()` is noticed even when nothing moves.
enum RelayPump {
    static func run(client: Socket, camera: TLSConnection, shouldStop: () -> Bool) {
        guard (try? client.setNonBlocking()) != nil else { return }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        // Bytes from the client that the TLS connection has not taken yet (requests, RTCP: small).
        var toCamera: [UInt8] = []
        var cameraWantsWrite = false
        while !shouldStop() {
            var sockets = [
                pollfd(fd: client.descriptor, events: toCamera.isEmpty ? Int16(POLLIN) : 0, revents: 0),
                pollfd(fd: camera.socket.descriptor,
                       events: Int16(POLLIN) | (cameraWantsWrite ? Int16(POLLOUT) : 0), revents: 0),
            ]
            // Decrypted bytes already inside OpenSSL do not make the socket readable: don't wait then.
            let ready = poll(&sockets, 2, camera.hasBufferedData ? 0 : 200)
            if ready < 0 && errno != EINTR { return }
            cameraWantsWrite = false

            if sockets[1].revents != 0 || camera.hasBufferedData {
                reading: while true {
                    switch camera.read(into: &buffer) {
                    case .bytes(let count):
                        let delivered = buffer.withUnsafeBytes {
                            client.sendAll(UnsafeRawBufferPointer(rebasing: $0[0..<count]), shouldStop: shouldStop)
                        }
                        guard delivered else { return }
                    case .wouldBlock(let wantsWrite):
                        cameraWantsWrite = cameraWantsWrite || wantsWrite
                        break reading
                    case .closed:
                        return
                    }
                }
            }

            if sockets[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { recv(client.descriptor, $0.baseAddress, $0.count, 0) }
                if count == 0 { return }  // the client (FFmpeg) closed its side
                if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { return }
                if count > 0 { toCamera.append(contentsOf: buffer[0..<count]) }
            }

            if !toCamera.isEmpty {
                switch camera.write(toCamera) {
                case .bytes(let count): toCamera.removeFirst(count)
                case .wouldBlock(let wantsWrite): cameraWantsWrite = cameraWantsWrite || wantsWrite
                case .closed: return
                }
            }
        }
    }
}
