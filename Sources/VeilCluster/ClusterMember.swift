import Foundation
public import Logging
import NIOPosix
public import ServiceLifecycle
public import VeilArchive

/// `veil record` as a member of a cluster: a service of its group that decides which cameras
/// this node records, keeps their leases, and sends the local catalog's outbox to PostgreSQL.
///
/// Every `renewalInterval` it heartbeats and renews all its leases in one statement, and,
/// in a loop of its own, reads the cluster (`view()`) and follows the `LeasePlan`: cameras it
/// acquires start recording under their new generation; a camera it gives up is stopped first
/// (its segment ends there), its rows sent, and only then released. A lost lease stops the
/// camera unless it can be taken again at once (the planning loop also shares console users,
/// `StaffSync`). A third loop sends the outbox, then the node's new audit entries to the
/// cluster's chain.
///
/// **The database never stops recording.** A heartbeat, renewal or commit that fails because
/// PostgreSQL is unreachable is logged and tried again next round; cameras held keep
/// recording, and their rows wait in the outbox (durable in the local catalog) until the
/// database is back. On graceful shutdown every camera is stopped at a segment boundary, the
/// outbox sent, the node marked as gone and its leases released, so the others take over at once.
public actor ClusterMember: Service {
    let node: ClusterNode
    let catalog: Catalog
    private let cameras: any ClusterCameras
    let logger: Logger
    private var held: [String: CameraLease] = [:]
    /// Cameras being handed over: still held and renewed until released, never taken again.
    private var releasing: Set<String> = []
    /// Cameras taken over from another node, whose gap is recorded once their first segment is catalogued.
    private var takeovers: [String: Takeover] = [:]
    /// What last failed against the database, so an outage is logged once, not every round.
    private var failing: String?

    struct Takeover {
        var since: Date?
        var acquiredAt: Date
        var reason: Gap.Reason
        var detail: String
    }

    /// The node's own audit log as the chain carries it, the key it signs its entries with,
    /// and its data directory, where it keeps the chain head it last saw.
    public struct Audit: Sendable {
        public var key: AuditSigningKey
        public var dataDirectory: String
        public var entries: @Sendable () throws -> [ClusterAuditEntry]

        public init(key: AuditSigningKey, dataDirectory: String, entries: @escaping @Sendable () throws -> [ClusterAuditEntry]) {
            self.key = key
            self.dataDirectory = dataDirectory
            self.entries = entries
        }
    }

    let audit: Audit?
    /// The epochs this node's vault shredded, recorded in the database as tombstones.
    let shreddedEpochs: (@Sendable () throws -> [EpochTombstone])?
    /// Tombstones already recorded by this run.
    var tombstonesSent: Set<EpochTombstone> = []
    /// Console users shared with the other nodes, when the node serves a console.
    private let staff: StaffSync?
    /// The highest local seq of this node's audit entries known to be in the chain.
    var auditSent: Int?

    public init(node: ClusterNode, catalog: Catalog, cameras: any ClusterCameras, audit: Audit? = nil,
                shreddedEpochs: (@Sendable () throws -> [EpochTombstone])? = nil, staff: StaffSync? = nil, logger: Logger) {
        self.node = node
        self.shreddedEpochs = shreddedEpochs
        self.catalog = catalog
        self.cameras = cameras
        self.audit = audit
        self.staff = staff
        var logger = logger
        logger[metadataKey: "node"] = "\(node.name)"
        self.logger = logger
    }

    public func run() async throws {
        let interval = node.rules.renewalInterval
        // Leases of a previous run of this node are not this run's: later rows are owed to no
        // lease until one is acquired again.
        try await blocking { [catalog] in try catalog.dropAllLeases() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Three loops, so no slow step holds up another: leases are renewed while a camera
            // is being stopped (seconds) or rows are being sent.
            group.addTask { [self] in
                for pass in 0... {
                    try await Task.sleep(for: .milliseconds(500))
                    guard await sendOutbox() else { continue }
                    await sendAudit()
                    // Shreds come at most once a sweep (a minute by default).
                    if pass % 20 == 0 { await sendTombstones() }
                }
            }
            group.addTask { [self] in
                while true {
                    try await Task.sleep(for: interval)
                    await plan()
                }
            }
            do {
                try await cancelWhenGracefulShutdown { [self] in
                    while true {
                        try await keepLeases()
                        // After a failure, sooner: a lease must be renewed before it expires.
                        try await Task.sleep(for: await failing == nil ? interval : interval / 4)
                    }
                }
            } catch is CancellationError {
            } catch {
                group.cancelAll()
                await stopEverything()
                throw error
            }
            group.cancelAll()
            try? await group.waitForAll()
        }
        await handOverEverything()
    }

    /// The heartbeat and every held lease renewed, in two statements. A lease found lost is
    /// taken again at once if nobody else holds it (the database was away longer than a lease);
    /// otherwise its camera is stopped.
    func keepLeases() async throws {
        do {
            try await node.heartbeat()
        } catch let error as ClusterError where error.isNodeReplaced {
            logger.critical("another instance took this node's name over: stopping every camera", metadata: ["error": "\(error)"])
            throw error
        } catch {
            report(error, "heartbeat")
            return
        }
        let leases = Array(held.values)
        let renewed: [CameraLease]
        do {
            renewed = try await node.renewAll(leases)
        } catch {
            report(error, "renewing leases")
            return
        }
        recovered()
        for lease in renewed where held[lease.camera]?.generation == lease.generation { held[lease.camera] = lease }
        let lost = Set(leases.map(\.camera)).subtracting(renewed.map(\.camera))
        for camera in lost.sorted() where held[camera] != nil && !releasing.contains(camera) { await retake(camera) }
    }

    /// Reads the cluster and follows the `LeasePlan`; records takeover gaps that are due.
    func plan() async {
        let view: ClusterView
        do {
            view = try await node.view()
        } catch {
            report(error, "reading the cluster")
            return
        }
        let plan = LeasePlan(view: view, node: node.name)
        for camera in plan.acquire where cameras.names.contains(camera) { await acquire(camera, previous: view.leases[camera]) }
        // A camera retired from the cluster's list is handed back like any other.
        for camera in plan.release + held.keys.filter({ !view.cameras.contains($0) }).sorted() { await handOver(camera) }
        await recordTakeoverGaps()
        if let staff {
            do {
                try await syncStaff(staff)
            } catch {
                report(error, "sharing console users with the cluster")
            }
        }
    }

    private func retake(_ camera: String) async {
        if case .acquired(let again)? = try? await node.acquireLease(camera: camera),
           (try? await blocking { [catalog] in try catalog.holdLease(camera: again.camera, generation: again.generation) }) != nil {
            held[camera] = again
            logger.warning("lease expired before it was renewed; taken again", metadata: [
                "camera": "\(camera)", "generation": "\(again.generation)"])
            return
        }
        logger.warning("lease lost to another node: stopping this camera", metadata: ["camera": "\(camera)"])
        held[camera] = nil
        await stop(camera)
    }

    private func acquire(_ camera: String, previous: ClusterView.Holding?) async {
        do {
            guard case .acquired(let lease) = try await node.acquireLease(camera: camera) else { return }
            try await blocking { [catalog] in try catalog.holdLease(camera: camera, generation: lease.generation) }
            held[camera] = lease
            if let previous, previous.node != node.name {
                takeovers[camera] = Takeover(
                    since: try await node.primaryFootageEnd(camera: camera), acquiredAt: Date(),
                    reason: previous.wasReleased ? .handover : .failover,
                    detail: previous.wasReleased
                        ? "handed over by node \(previous.node) to node \(node.name)"
                        : "node \(previous.node) stopped renewing its lease (generation \(previous.generation)); node \(node.name) took over")
            }
            logger.notice("camera acquired", metadata: ["camera": "\(camera)", "generation": "\(lease.generation)",
                                                        "from": "\(previous?.node ?? "nobody")"])
        } catch {
            report(error, "acquiring camera \(camera)")
            return
        }
        do {
            try await cameras.startRecording(camera)
        } catch {
            // Not recorded here, so not held: give it back for another node.
            logger.error("cannot start recording an acquired camera; releasing it", metadata: [
                "camera": "\(camera)", "error": "\(error)"])
            await handOver(camera)
        }
    }

    /// Gives a camera up cleanly: stopped at a segment boundary, its rows sent while the lease
    /// is still this node's (so they are primary), then released.
    private func handOver(_ camera: String) async {
        guard held[camera] != nil, !releasing.contains(camera) else { return }
        releasing.insert(camera)
        defer { releasing.remove(camera) }
        logger.notice("handing camera over", metadata: ["camera": "\(camera)"])
        await cameras.stopRecording(camera)
        _ = await sendOutbox()
        // The lease as last renewed (the keeper renews it while the camera stops).
        guard let lease = held[camera] else { return }
        do {
            try await node.release(lease)
        } catch {
            report(error, "releasing camera \(camera)")
        }
        await stop(camera)
    }

    /// Stops recording `camera` and owes the cluster nothing more for it.
    private func stop(_ camera: String) async {
        await cameras.stopRecording(camera)
        held[camera] = nil
        takeovers[camera] = nil
        do {
            try await blocking { [catalog] in try catalog.dropLease(camera: camera) }
        } catch {
            logger.error("cannot update the local catalog", metadata: ["camera": "\(camera)", "error": "\(error)"])
        }
    }

    /// On a clean stop: every camera stopped, the outbox sent, the node gone, every lease released.
    private func handOverEverything() async {
        // The leases are renewed while the cameras finish their segments and the rows are sent:
        // a slow stop (seconds, more on a loaded machine) must not let them expire, or another
        // node would take the cameras as after a crash.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in await renewWhileHandingOver() }
            await stopAll()
            let sent = await sendOutbox()
            if sent { await sendAudit() }
            if !sent { logger.warning("the database is unreachable: catalog rows stay in the outbox for the next start") }
            group.cancelAll()
        }
        try? await node.leave()
        for lease in held.values { _ = try? await node.release(lease) }
        held = [:]
    }

    /// Renews the held leases every round until cancelled; a lease lost meanwhile is not taken
    /// again (the node is leaving).
    private func renewWhileHandingOver() async {
        while true {
            do { try await Task.sleep(for: node.rules.renewalInterval) } catch { return }
            do {
                let renewed = try await node.renewAll(Array(held.values))
                for lease in renewed where held[lease.camera]?.generation == lease.generation { held[lease.camera] = lease }
            } catch {
                report(error, "renewing leases while handing over")
            }
        }
    }

    /// After this instance lost its name: stop recording, keep the rows for the next start.
    private func stopEverything() async {
        await stopAll()
        held = [:]
    }

    /// Stops every camera held, all at once: each finishes its open segment on its own threads,
    /// so a node with many cameras is done in about the time of one (systemd allows 90 s).
    private func stopAll() async {
        await withTaskGroup(of: Void.self) { group in
            for camera in held.keys { group.addTask { [cameras] in await cameras.stopRecording(camera) } }
        }
    }

    /// Records each takeover's gap once the camera's first segment on this node is catalogued:
    /// from where its primary footage ended to where this node's begins.
    private func recordTakeoverGaps() async {
        for (camera, takeover) in takeovers {
            do {
                let first = try await blocking { [catalog] in
                    try catalog.firstSegmentStart(camera: camera, notBefore: takeover.acquiredAt.addingTimeInterval(-2))
                }
                guard let first else { continue }
                takeovers[camera] = nil
                guard let since = takeover.since, first > since else { continue }
                let gap = Gap(camera: camera, start: since, end: first, reason: takeover.reason, detail: takeover.detail)
                try await blocking { [catalog] in try catalog.recordGap(gap) }
                logger.notice("takeover gap recorded", metadata: [
                    "camera": "\(camera)", "seconds": "\(String(format: "%.1f", first.timeIntervalSince(since)))",
                    "reason": "\(takeover.reason.rawValue)"])
            } catch {
                logger.error("cannot record a takeover gap", metadata: ["camera": "\(camera)", "error": "\(error)"])
            }
        }
    }

    func report(_ error: any Error, _ what: String) {
        guard failing == nil else { return }
        failing = what
        logger.error("cluster database: \(what) failed; cameras held keep recording and catalog rows wait in the outbox",
                     metadata: ["error": "\(error)"])
    }

    func recovered() {
        guard let what = failing else { return }
        failing = nil
        logger.notice("cluster database reachable again", metadata: ["after": "\(what)"])
    }

    /// Runs blocking catalog work on NIO's blocking pool, never on a cooperative thread.
    func blocking<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
