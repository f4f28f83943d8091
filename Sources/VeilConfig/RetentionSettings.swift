/// How long footage and keys live. Durations are in seconds (as `VaultConfiguration` takes
/// them) and are written in YAML with a unit: `90s`, `30m`, `24h`, `30d`.
public struct RetentionSettings: Sendable, Hashable {
    /// Raw footage stays openable this long after its epoch ends; then its epoch key is
    /// destroyed (crypto-shredding). Default 24 h, short by design.
    public var raw: Double
    /// Redacted segments are deleted this long after they end. Default 30 days.
    public var redacted: Double
    /// One key pair per camera per epoch; must be whole seconds from 1 min to 24 h that
    /// divide a day (the vault's rule). Default 1 h.
    public var epochLength: Double
    /// The longest a legal hold may extend one epoch beyond the moment it is placed. Default 30 days.
    public var maxHold: Double

    public init(raw: Double = 24 * 3600, redacted: Double = 30 * 86_400, epochLength: Double = 3600,
                maxHold: Double = 30 * 86_400) {
        self.raw = raw
        self.redacted = redacted
        self.epochLength = epochLength
        self.maxHold = maxHold
    }

    /// The vault's own rule for epoch lengths, checked here so `veil config check` finds it.
    static func isValidEpochLength(_ seconds: Double) -> Bool {
        seconds >= 60 && seconds <= 86_400 && seconds.rounded() == seconds
            && 86_400.truncatingRemainder(dividingBy: seconds) == 0
    }
}

/// Limits that make the recorder shed old footage before the disk fills: raw is shredded
/// oldest-first before any redacted segment is deleted early. Written like `500GB` or `10GiB`.
public struct StorageLimits: Sendable, Hashable {
    /// Most bytes Veil's footage may occupy under the data directory; nil (default): no limit.
    public var maxBytes: Int64?
    /// Free space to keep on the data directory's file system. Default 1 GiB, so that the
    /// recorder sheds old footage before the disk is full rather than failing to write.
    public var minFreeBytes: Int64

    public init(maxBytes: Int64? = nil, minFreeBytes: Int64 = 1 << 30) {
        self.maxBytes = maxBytes
        self.minFreeBytes = minFreeBytes
    }
}

/// Where the Prometheus text endpoint listens. Loopback only: the metrics name cameras and
/// are not meant for the network.
public struct MetricsSettings: Sendable, Hashable {
    /// A loopback host (`127.0.0.1`, any `127.x.y.z`, `localhost` or `::1`). Default 127.0.0.1.
    public var host: String
    /// TCP port, 1–65535. Default 9464 (the port registered for Prometheus exporters of this kind).
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 9464) {
        self.host = host
        self.port = port
    }
}
