import Glibc

/// The metrics endpoint's host, checked to be loopback without DNS so that a name can never
/// resolve to a public interface.
enum LoopbackHost {
    /// `host` as the numeric address to bind (`localhost` is taken as 127.0.0.1), or nil for
    /// anything that is not 127.0.0.0/8, `::1` or `localhost` (host names, unparseable text).
    static func numeric(_ host: String) -> String? {
        let host = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network byte order: its first byte in memory is the first octet.
            return withUnsafeBytes(of: v4.s_addr, { $0[0] }) == 127 ? host : nil
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
            return withUnsafeBytes(of: v6, { Array($0) }) == loopback ? host : nil
        }
        return nil
    }
}
