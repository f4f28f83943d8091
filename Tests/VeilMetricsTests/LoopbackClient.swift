import Glibc

/// A raw TCP client on a loopback address, so every byte of a request and its response is
/// visible to the endpoint tests.
enum LoopbackClient {
    struct Errno: Error, Equatable { let rawValue: Int32 }

    /// A blocking socket connected to `host` (127.0.0.1 or ::1) and `port`, or the connect errno.
    static func connect(to port: UInt16, host: String = "127.0.0.1") -> Result<Int32, Errno> {
        let isV6 = host.contains(":")
        let fd = socket(isV6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        // Never hang the suite on a broken server: reads give up after 5 minutes. Not less: the
        // server runs on Swift's cooperative pool, which the suite's synchronous tests (recordings
        // of real cameras) can hold for minutes.
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected: Int32
        if isV6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            connected = connect(fd, to: &address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            connected = connect(fd, to: &address)
        }
        guard connected == 0 else {
            let error = Errno(rawValue: errno)
            close(fd)
            return .failure(error)
        }
        return .success(fd)
    }

    private static func connect<Address>(_ fd: Int32, to address: inout Address) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
    }

    /// Sends `request` as is and reads until the server closes the connection.
    static func exchange(_ request: String, port: UInt16, host: String = "127.0.0.1") throws -> String {
        let fd = try connect(to: port, host: host).get()
        defer { close(fd) }
        let bytes = Array(request.utf8)
        _ = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        return readToEnd(fd)
    }

    static func readToEnd(_ fd: Int32) -> String {
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            response += chunk[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    /// The status line, the headers (names lowercased) and the body of a whole response.
    static func parse(_ response: String) -> (status: String, headers: [String: String], body: String) {
        let parts = response.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)
        let lines = parts[0].split(separator: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let field = line.split(separator: ":", maxSplits: 1)
            headers[field[0].lowercased()] = field.count > 1 ? field[1].trimmingPrefix(" ").description : ""
        }
        return (lines.first.map(String.init) ?? "", headers, parts.count > 1 ? String(parts[1]) : "")
    }
}
