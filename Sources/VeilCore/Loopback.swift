/// The host names and addresses that reach only this machine: where plain HTTP (the console
/// without TLS, the metrics endpoint) may listen.
public enum Loopback {
    /// `localhost`, `::1` or any IPv4 address in 127.0.0.0/8.
    public static func contains(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        return octets.count == 4 && octets.allSatisfy { $0.map { (0...255).contains($0) } ?? false } && octets[0] == 127
    }
}
