import Foundation
import Synchronization
import VeilCore
import VeilVault
import VeilLive
import VeilStaff

/// What every route shares: the recorder's cameras and data, the users, the sessions, the
/// audit log and the pages.
final class ConsoleServices: Sendable {
    let dataDirectory: String
    let accounts: StaffAccountStore
    let sessions: SessionStore
    let throttle = Mutex(LoginThrottle())
    let audit: AuditLog
    let feeds: [CameraFeed]
    let exports: ExportShelf
    let overTLS: Bool
    let now: @Sendable () -> Date
    let assets: ConsoleAssets
    /// The cluster this node is in, nil on a machine alone.
    let cluster: (any ConsoleCluster)?
    /// Calls to the other nodes, as this node (nil on a machine alone).
    let peers: PeerClient?

    /// `keepFreeBytes`: the recorder's free-space floor, which no console export may eat into.
    /// `assets`: the pages, read by the caller (``ConsoleAssets/besideExecutable(_:)``), whose
    /// error stops `veil record` before it starts a camera.
    init(dataDirectory: String, settings: WebSettings, feeds: [CameraFeed], audit: AuditLog, keepFreeBytes: Int64,
         assets: ConsoleAssets, accounts: StaffAccountStore? = nil, cluster: (any ConsoleCluster)? = nil, peers: PeerClient? = nil,
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.dataDirectory = dataDirectory
        self.assets = assets
        self.accounts = accounts ?? StaffAccountStore(dataDirectory: dataDirectory)
        sessions = SessionStore(idleTimeout: settings.sessionIdleTimeout, lifetime: settings.sessionLifetime, now: now)
        self.audit = audit
        self.feeds = feeds
        exports = ExportShelf(dataDirectory: dataDirectory, keepFreeBytes: keepFreeBytes, now: now)
        overTLS = settings.tls != .none
        self.now = now
        self.cluster = cluster
        self.peers = peers
    }

    func feed(_ camera: String) -> CameraFeed? { feeds.first { $0.camera == camera } }

    /// Appends to the audit log; a failure is logged by the caller's route as a 500, because
    /// an act that cannot be recorded must not happen silently.
    func record(_ identity: String, _ action: String, subject: String, reason: String) throws {
        try audit.append(actor: identity, action: action, subject: subject, reason: reason)
    }
}
