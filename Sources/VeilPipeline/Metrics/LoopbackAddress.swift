import Glibc

/// A numeric loopback socket address for the metrics endpoint, built without DNS so that a
/// name can never resolve to a public interface. `localhost` is taken as 127.0.0.1.
enum LoopbackAddress: Sendable {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)

    /// `host` as a loopback address with `port`, or nil for anything that is not 127.0.0.0/8,
    /// `::1` or `localhost` (including host names and unparseable text).
    init?(host: String, port: UInt16) {
        let host = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network byte order: its first byte in memory is the first octet.
            guard withUnsafeBytes(of: v4.s_addr, { $0[0] }) == 127 else { return nil }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = v4
            self = .v4(address)
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
            guard withUnsafeBytes(of: v6, { Array($0) }) == loopback else { return nil }
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = v6
            self = .v6(address)
            return
        }
        return nil
    }

    var family: Int32 {
        switch self {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    /// Calls `body` with the address as the `sockaddr` that `bind` takes.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch self {
        case .v4(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }
}
