public import Foundation

/// Where things are in a cluster, as the console needs to know it: the nodes, who holds each
/// camera, and every node's footage of a camera. `veil record` implements it over the
/// cluster's PostgreSQL; without `cluster:` the console has none and shows this node alone.
public protocol ConsoleCluster: Sendable {
    /// This node's name in the cluster.
    var nodeName: String { get }
    /// Every registered node.
    func nodes() async throws -> [ConsoleNode]
    /// Every camera of the cluster with the node of its latest lease.
    func cameras() async throws -> [ConsoleCameraHolding]
    /// The primary redacted segments of `camera` overlapping `range`, of every node, in time order.
    func footage(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleSegment]
    /// The gaps of `camera` overlapping `range`, of every node, in time order.
    func gaps(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleGap]
}

/// A node of the cluster: where its console is and the certificate it must present.
public struct ConsoleNode: Sendable, Hashable {
    public var name: String
    /// Its console, `https://host:port`.
    public var advertise: String
    /// SHA-256 of its console certificate (hex, either case, with or without `:`).
    public var certificateSHA256: String
    /// Running its rounds now (heartbeat fresh).
    public var isActive: Bool

    public init(name: String, advertise: String, certificateSHA256: String, isActive: Bool) {
        self.name = name
        self.advertise = advertise
        self.certificateSHA256 = certificateSHA256
        self.isActive = isActive
    }
}

/// A camera of the cluster and the node of its latest lease.
public struct ConsoleCameraHolding: Sendable, Hashable {
    public var camera: String
    /// Nil if no node ever recorded it.
    public var node: String?
    /// The lease is still valid.
    public var isValid: Bool

    public init(camera: String, node: String?, isValid: Bool) {
        self.camera = camera
        self.node = node
        self.isValid = isValid
    }
}

/// A primary redacted segment: its node and that node's catalog id.
public struct ConsoleSegment: Sendable, Hashable {
    public var node: String
    public var localID: Int64
    public var start: Date
    public var end: Date

    public init(node: String, localID: Int64, start: Date, end: Date) {
        self.node = node
        self.localID = localID
        self.start = start
        self.end = end
    }
}

/// A gap in a camera's footage, as the node that recorded it catalogued it.
public struct ConsoleGap: Sendable, Hashable {
    public var node: String
    public var start: Date
    public var end: Date
    public var reason: String

    public init(node: String, start: Date, end: Date, reason: String) {
        self.node = node
        self.start = start
        self.end = end
        self.reason = reason
    }
}
