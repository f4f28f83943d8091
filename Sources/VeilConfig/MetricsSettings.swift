/// Where the Prometheus text endpoint listens. Loopback only: the metrics name cameras and
/// are not meant for the network.
public struct MetricsSettings: Sendable, Hashable {
    /// A loopback host (`127.0.0.1`, any `127.x.y.z`, `localhost` or `::1`). Default 127.0.0.1.
    public var host: String
    /// TCP port, 1–65535. Default 9464.
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 9464) {
        self.host = host
        self.port = port
    }
}
