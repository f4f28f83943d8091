public import Foundation

/// The right to record one camera, held by one node until `expiresAt` (database clock).
///
/// `generation` comes from a logged sequence: every acquisition, by any node, gets a higher one
/// than all before it. Each segment commit states the generation it was recorded under; the
/// database checks it against the camera's current lease in the commit's own transaction.
public struct CameraLease: Sendable, Hashable {
    public let camera: String
    public let node: String
    public let generation: Int64
    /// By the database's clock; renew before it (every `LeaseRules.renewalInterval`).
    public let expiresAt: Date
}

/// What asking for a camera's lease gave.
public enum LeaseAcquisition: Sendable, Hashable {
    /// The camera was free (never leased, released, or its lease expired): now it is ours.
    case acquired(CameraLease)
    /// Another lease is still valid (possibly this node's own: renew that one instead).
    case held(CameraLease)
}
