import Foundation
import Synchronization

/// The cluster's nodes and camera holders, remembered for a moment: every proxied live
/// segment and every peer request needs them, and without this each would take one of the
/// node's few database connections, which lease renewals need too. Footage queries are not
/// cached (one per timeline or playlist).
final class CachedConsoleCluster: ConsoleCluster {
    private let cluster: any ConsoleCluster
    private let maximumAge: TimeInterval
    private let now: @Sendable () -> Date
    private let nodeList = Mutex<(read: Date, nodes: [ConsoleNode])?>(nil)
    private let holdings = Mutex<(read: Date, cameras: [ConsoleCameraHolding])?>(nil)

    /// `maximumAge`: how old an answer may be; a node's liveness and a camera's holder change
    /// every lease round (2 s), so about a second keeps them current.
    init(_ cluster: any ConsoleCluster, maximumAge: TimeInterval = 1, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cluster = cluster
        self.maximumAge = maximumAge
        self.now = now
    }

    var nodeName: String { cluster.nodeName }

    func nodes() async throws -> [ConsoleNode] {
        if let cached = nodeList.withLock({ $0 }), now().timeIntervalSince(cached.read) < maximumAge { return cached.nodes }
        let read = now(), nodes = try await cluster.nodes()
        nodeList.withLock { $0 = (read, nodes) }
        return nodes
    }

    func cameras() async throws -> [ConsoleCameraHolding] {
        if let cached = holdings.withLock({ $0 }), now().timeIntervalSince(cached.read) < maximumAge { return cached.cameras }
        let read = now(), cameras = try await cluster.cameras()
        holdings.withLock { $0 = (read, cameras) }
        return cameras
    }

    func footage(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleSegment] {
        try await cluster.footage(camera: camera, overlapping: range)
    }

    func gaps(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleGap] {
        try await cluster.gaps(camera: camera, overlapping: range)
    }
}
