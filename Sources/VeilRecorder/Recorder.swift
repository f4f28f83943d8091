import Foundation
public import Logging
public import VeilArchive
public import VeilConfig
public import VeilCore
public import VeilMetrics
import VeilPipeline
import VeilTransport
public import VeilVault
import VeilVision
public import VeilLive
import VeilOccupancy
import VeilInference

/// `veil record`: every configured camera recorded at once, with the retention sweeper.
///
/// Start-up order matters: the catalog is opened, then the vault — whose first act is to
/// shred every expired epoch, before any camera is read — then the catalog is reconciled
/// with the disk, and only then do cameras start.
public final class Recorder: @unchecked Sendable {
    private let configuration: VeilConfiguration
    private let logger: Logger
    private let store: SegmentStore
    private let vault: Vault
    private let cameras: [CameraRecorder]
    private let relays: [TLSRelay]
    private let maintenance: Maintenance
    /// Every recorder metric, served in Prometheus format by `veil record`'s metrics endpoint.
    public let metrics: RecorderMetrics
    /// Each camera's state and live view, in configuration order, for the staff console.
    public let feeds: [CameraFeed]
    /// The hash-chained audit log, where the console records logins and exports.
    public var auditLog: AuditLog { vault.audit }
    /// The epochs the vault shredded (from their tombstones).
    public func shreddedEpochs() throws -> [ShreddedEpoch] { try vault.shreddedEpochs() }
    /// The building areas' live totals, fed by the cameras' occupancy counting.
    private let areas: OccupancyAreas
    /// The wall time every part of the recorder reads (catalog, epochs, sweeper, audit log).
    let clock: SteadyWallClock

    /// - Parameter wallClock: the wall clock to follow (a test's fake one, or the system's). The
    ///   recorder reads it through `SteadyWallClock`: steps back are not followed, and every step is
    ///   audited as `clock.step`.
    public init(configuration: VeilConfiguration, logger: Logger, wallClock: any WallClock = SystemWallClock()) throws {
        self.configuration = configuration
        self.logger = logger
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        // Never before footage already catalogued, even if the clock went back while Veil was down.
        let newest = (try? Catalog(dataDirectory: configuration.dataDirectory, readOnly: true).summary())?
            .flatMap { [$0.raw.footage?.newest, $0.redacted.footage?.newest] }.compactMap { $0 }.max()
        let clock = SteadyWallClock(wall: wallClock, notBefore: newest)
        self.clock = clock
        let vaultConfiguration = VaultConfiguration(
            dataDirectory: configuration.dataDirectory, rawRetention: configuration.retention.raw,
            epochLength: configuration.retention.epochLength, maximumHold: configuration.retention.maxHold,
            officers: configuration.officers)
        let recovery = try ArchiveRecovery(dataDirectory: configuration.dataDirectory, vaultConfiguration: vaultConfiguration,
                                           clock: clock)
        let (store, vault) = (recovery.store, recovery.vault)
        self.store = store
        self.vault = vault
        for shred in vault.startupSweep.shredded {
            logger.notice("epoch shredded at start-up", metadata: ["camera": "\(shred.camera)", "epoch": "\(shred.epoch)"])
        }
        let officers = try vault.officers()
        guard officers.contains(where: \.isActive) else {
            throw RecorderError("no active privacy officer is registered in \(configuration.dataDirectory): raw footage could "
                                + "never be opened. Add one first with `veil officer add NAME --data-dir \(configuration.dataDirectory)`")
        }
        // Epochs are wrapped to the active officers `officers:` names (all active ones when it names
        // none); a removed or unregistered name gets nothing, and none of them at all is refused.
        _ = try vault.epochRecipients()
        for name in configuration.officers {
            if let officer = officers.first(where: { $0.name == name }) {
                guard let removal = officer.removal else { continue }
                logger.warning("the configuration's officers list names '\(name)', who was removed at \(Timestamps.format(removal.at)): new epochs are not wrapped to them. Remove the name from `officers:`.")
            } else {
                logger.warning("the configuration's officers list names '\(name)', who is not registered in \(configuration.dataDirectory): new epochs are not wrapped to them. Register them with `veil officer add \(name)` or correct `officers:`.")
            }
        }
        for line in recovery.reconciliation.lines { logger.notice("catalog reconciliation: \(line)") }

        let metrics = RecorderMetrics()
        self.metrics = metrics
        let storage = StorageGuard(vault: vault, store: store,
                                   limits: StorageLimits(maximumBytes: configuration.storage.maxBytes,
                                                         minimumFreeBytes: configuration.storage.minFreeBytes),
                                   cameras: configuration.cameras.map(\.name), clock: clock, metrics: metrics, logger: logger)
        store.spaceExhausted = { [storage] in storage.diskFull() }
        // Before any camera writes: room made (or the shortfall reported) and the reserve held.
        storage.relieve()
        let manifest = try ModelManifest.locate()
        let (inference, inferenceWarning) = try configuration.inference.resolved()
        if let inferenceWarning { logger.warning("\(inferenceWarning)") }
        logger.notice("detectors run on \(inference.backend.rawValue) (\(inference.precision.rawValue))")
        var relays: [TLSRelay] = []
        // Live HLS is segmented only when the console that serves it is configured.
        let feeds = configuration.cameras.map { CameraFeed(camera: $0.name, live: configuration.web == nil ? nil : LiveStream()) }
        self.feeds = feeds
        let occupancySink = OccupancySink(store: store, minimumCount: configuration.occupancy.minimumCount, logger: logger)
        let areas = OccupancyAreas(areas: configuration.occupancy.areas, interval: configuration.occupancy.interval,
                                   sink: occupancySink, registry: metrics.registry)
        self.areas = areas
        cameras = try zip(configuration.cameras, feeds).map { camera, feed in
            let relay = try Recorder.relay(for: camera, logger: logger)
            if let relay { relays.append(relay) }
            let settings = configuration.detectorSettings(for: camera)
            if configuration.redactionSettings(for: camera).keepAudio {
                logger.warning("keepAudio applies to `veil redact` only for now: the recorder drops audio from redacted segments (raw segments keep it)",
                               metadata: ["camera": "\(camera.name)"])
            }
            var context = CameraContext(
                name: camera.name, store: store, vault: vault, pairing: SegmentPairing(catalog: store.catalog),
                segmentSeconds: Double(configuration.segmentSeconds), options: configuration.redactionOptions(for: camera),
                detectors: [try FaceDetector(manifest: manifest, options: settings.face, inference: inference),
                            try PersonDetector(manifest: manifest, options: settings.person, inference: inference)],
                metrics: metrics.camera(camera.name), storage: storage, clock: clock, footageEnd: FootageEnd(), feed: feed)
            if !camera.occupancy.isEmpty {
                context.occupancy = CameraOccupancy(camera: camera.name, layout: camera.occupancy, tracking: context.options.tracker,
                                                    interval: configuration.occupancy.interval, sink: occupancySink,
                                                    areas: areas, registry: metrics.registry, clock: clock, logger: logger)
            }
            return CameraRecorder(camera: camera, context: context, relay: relay, readTimeout: .seconds(5), logger: logger)
        }
        self.relays = relays
        maintenance = Maintenance(vault: vault, store: store, redactedRetention: configuration.retention.redacted,
                                  interval: vaultConfiguration.sweepInterval, storage: storage, clock: clock,
                                  metrics: metrics, logger: logger, occupancyRetention: configuration.occupancy.retention)
        let maintenance = self.maintenance
        clock.onStep { step, time in
            ClockStepReport(step: step, time: time).record(in: vault.audit, logger: logger)
            if step.seconds > 0 { maintenance.runSoon() }
        }
    }

    /// Starts every camera's threads (unless `recordingCameras` is false: in cluster mode the
    /// member starts each camera whose lease it holds) and the periodic sweeper's; returns at
    /// once. Blocking only for as long as spawning threads takes, and never on Swift's
    /// cooperative pool.
    public func start(recordingCameras: Bool = true) {
        if recordingCameras { for camera in cameras { camera.start() } }
        maintenance.start()
    }

    /// Starts recording one configured camera; nothing if it records already.
    public func startCamera(_ name: String) throws {
        try camera(named: name).start()
    }

    /// Stops recording one camera, finishing and cataloguing its open segment. Blocks until its
    /// threads have ended (seconds): call it off Swift's cooperative pool.
    public func stopCamera(_ name: String) throws {
        let camera = try camera(named: name)
        camera.stop()
        camera.join()
    }

    /// The node's own catalog (cluster mode sends its outbox from it).
    public var catalog: Catalog { store.catalog }

    private func camera(named name: String) throws -> CameraRecorder {
        guard let camera = cameras.first(where: { $0.camera.name == name }) else {
            throw RecorderError("camera \(name) is not in this node's configuration")
        }
        return camera
    }

    /// Stops every camera, finishing and cataloguing each open segment, then the sweeper.
    /// Blocks until every thread has ended (seconds, while the encoders flush): call it from a
    /// thread of its own or through a blocking pool, not from a cooperative thread.
    public func stop() {
        for camera in cameras { camera.stop() }
        for camera in cameras { camera.join() }
        // The intervals in progress hold what was counted of them: stored, coarsened.
        for camera in cameras { camera.context.occupancy?.finish() }
        areas.finish()
        maintenance.stop()
        for relay in relays { relay.stop() }
    }

    /// Per camera: segments written, frames encoded, and packets the redaction branch lost
    /// (dropped under load, or undecodable) so far.
    public var progress: [(camera: String, rawSegments: UInt64, redactedSegments: UInt64, frames: UInt64,
                           dropped: UInt64, undecodable: UInt64)] {
        cameras.map {
            let metrics = $0.context.metrics
            return ($0.camera.name, metrics.segmentsWritten(.raw).value, metrics.segmentsWritten(.redacted).value,
                    metrics.framesOut.value, metrics.packetsDropped(.overload).value, metrics.decodeErrors.value)
        }
    }

    /// A verified TLS relay for an `rtsps://` camera; plain `rtsp://` gets a one-time warning.
    /// Also used by ``CameraProbe``, so `veil doctor` connects exactly as the recorder does.
    static func relay(for camera: CameraConfiguration, logger: Logger) throws -> TLSRelay? {
        guard case .network(let network) = camera.source else { return nil }
        guard case .tls(let verification) = network.security, let location = RTSPSLocation(url: network.url) else {
            logger.warning("footage of this camera travels unencrypted on the network (rtsp://); use rtsps:// where the camera supports it",
                           metadata: ["camera": "\(camera.name)"])
            return nil
        }
        let trust: TLSTrust
        switch (verification.caFile, verification.pinnedSHA256) {
        case let (ca?, pin?): trust = .caFileAndPin(caFile: ca, sha256: pin)
        case let (ca?, nil): trust = .caFile(ca)
        case let (nil, pin?): trust = .pinnedSHA256(pin)
        case (nil, nil): throw RecorderError("camera \(camera.name) uses rtsps:// without a CA file or pin")
        }
        let relay = TLSRelay(cameraHost: location.host, cameraPort: location.port, trust: trust)
        _ = try relay.start()
        return relay
    }
}
