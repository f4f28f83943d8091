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
