/// Which leases a node should take or give up, decided from one `ClusterView`. Every node
/// computes the same targets from the same view, so they converge without talking to each
/// other; the database's lease rules settle any race.
///
/// * **Targets.** The cameras are shared among the active nodes (`ClusterView.Member.isActive`) in proportion to the capacity
///   each offers (never more than it offers); what does not divide evenly goes to nodes in
///   name order.
/// * **Taking.** A node takes free cameras (never leased, released or expired) up to its
///   target. Beyond its target, up to its capacity, it takes a camera whose holder stopped
///   renewing without releasing it (a failover: the dead node still counts as live until
///   its heartbeat times out, and the camera must not wait for that), and any free camera no
///   live node below its target is left to take.
/// * **Giving up.** A node above its target gives up one camera per round, and only while
///   another active node is below its target (a node joined, or came back): the camera moves at
///   a segment boundary, and one at a time, so a joining node is not flooded.
public struct LeasePlan: Sendable, Hashable {
    public var acquire: [String]
    public var release: [String]

    public init(acquire: [String] = [], release: [String] = []) {
        self.acquire = acquire
        self.release = release
    }

    public init(view: ClusterView, node: String) {
        let targets = Self.targets(cameras: view.cameras.count, members: view.members.filter { $0.isActive || $0.name == node })
        let counts = view.heldCounts
        let mine = view.cameras.filter { view.leases[$0].map { $0.isValid && $0.node == node } ?? false }
        let target = targets[node] ?? 0
        let capacity = view.members.first { $0.name == node }?.capacity ?? 0
        let othersShort = targets.contains { $0.key != node && counts[$0.key, default: 0] < $0.value }
        var acquire: [String] = []
        for camera in Self.preference(view.cameras, node: node) {
            let lease = view.leases[camera]
            guard lease?.isValid != true else { continue }
            let held = mine.count + acquire.count
            let orphaned = lease.map { !$0.wasReleased && $0.node != node } ?? false
            if held < target || (held < capacity && (orphaned || !othersShort)) { acquire.append(camera) }
        }
        var release: [String] = []
        if acquire.isEmpty, mine.count > target, othersShort, let camera = Self.preference(mine, node: node).last {
            release.append(camera)
        }
        self.init(acquire: acquire, release: release)
    }

    /// Each node's share of `cameras`, proportional to capacity and capped by it.
    static func targets(cameras: Int, members: [ClusterView.Member]) -> [String: Int] {
        let members = members.sorted { $0.name < $1.name }
        let totalCapacity = members.reduce(0) { $0 + max(0, $1.capacity) }
        guard totalCapacity > 0 else { return Dictionary(uniqueKeysWithValues: members.map { ($0.name, 0) }) }
        let total = min(cameras, totalCapacity)
        var targets = Dictionary(uniqueKeysWithValues: members.map {
            ($0.name, min($0.capacity, total * max(0, $0.capacity) / totalCapacity))
        })
        var left = total - targets.values.reduce(0, +)
        while left > 0 {
            let before = left
            for member in members where left > 0 && targets[member.name]! < member.capacity {
                targets[member.name]! += 1
                left -= 1
            }
            if left == before { break }
        }
        return targets
    }

    /// `cameras` in this node's own order of preference: a stable shuffle per node, so nodes
    /// starting together reach for different cameras first.
    static func preference(_ cameras: [String], node: String) -> [String] {
        cameras.sorted { (Self.hash(node + "/" + $0), $0) < (Self.hash(node + "/" + $1), $1) }
    }

    /// FNV-1a: stable across processes and runs, unlike `Hasher`.
    private static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
