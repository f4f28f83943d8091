/// The timing rules every node of a cluster follows. All of them are measured by the
/// database's clock (`clock_timestamp()`), never a node's, so a node whose clock is off still
/// agrees with the others about who holds what.
///
/// | rule                | default | why                                                               |
/// |---------------------|---------|-------------------------------------------------------------------|
/// | `leaseDuration`     | 6 s     | a lease survives two missed renewals; a dead node's cameras are free 6 s after its last renewal |
/// | `renewalInterval`   | 2 s     | the holder renews this often                                       |
/// | `nodeTimeout`       | 10 s    | a node name is free for another instance this long after its last heartbeat; longer than a lease, so a new instance never finds the old one's leases still valid |
public struct LeaseRules: Sendable, Hashable {
    public var leaseDuration: Duration
    public var renewalInterval: Duration
    public var nodeTimeout: Duration

    public init(leaseDuration: Duration = .seconds(6), renewalInterval: Duration = .seconds(2),
                nodeTimeout: Duration = .seconds(10)) {
        precondition(renewalInterval < leaseDuration, "a lease must outlast the interval between its renewals")
        precondition(leaseDuration < nodeTimeout, "a node name must outlive the leases its last instance held")
        self.leaseDuration = leaseDuration
        self.renewalInterval = renewalInterval
        self.nodeTimeout = nodeTimeout
    }

    /// Whole milliseconds, the unit the SQL multiplies `interval '1 millisecond'` by.
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
