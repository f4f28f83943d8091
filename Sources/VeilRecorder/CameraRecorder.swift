import VeilCore
import Foundation
import Logging
import VeilArchive
import VeilConfig
import VeilMedia
import VeilPipeline
import VeilTransport
import VeilMetrics
import VeilLive

/// Keeps one camera recording for as long as Veil runs: the I/O side of the connection state
/// machine. It connects, runs a session per connection, records the gap when footage stops
/// and starts again, and backs off — slowly after a refusal — instead of retrying in a loop.
/// Runs on its own thread; `stop()` may be called from any thread.
final class CameraRecorder: @unchecked Sendable {
    typealias Machine = ConnectionStateMachine<ContinuousClock.Instant>

    let camera: CameraConfiguration
    let context: CameraContext
    private let relay: TLSRelay?
    private let readTimeout: Duration
    private let logger: Logger
    private let clock = ContinuousClock()
    private var machine = Machine()
    /// The streams of the last connection (this thread only): reconnections skip the long probe.
    private var known: KnownStreams?
    private let lock = NSLock()
    private var stopping = false
    private var currentInput: CameraInput?
    private let wake = DispatchSemaphore(value: 0)
    private var thread: StageThread?
    /// Why footage is missing while a gap is open (this thread only): the disk, if it was full.
    private var outageReason: Gap.Reason = .disconnected

    init(camera: CameraConfiguration, context: CameraContext, relay: TLSRelay?, readTimeout: Duration, logger: Logger) {
        self.camera = camera
        self.context = context
        self.relay = relay
        self.readTimeout = readTimeout
        var logger = logger
        logger[metadataKey: "camera"] = "\(camera.name)"
        self.logger = logger
    }

    /// Starts the camera's thread; after `stop()` and `join()`, starts it afresh (cluster mode
    /// stops and starts a camera as its lease comes and goes). Does nothing while it runs.
    func start() {
        let (running, previous) = lock.withLock { (thread != nil && !stopping, thread) }
        if running { return }
        _ = previous?.join()
        machine = Machine()
        lock.withLock {
            stopping = false
            thread = StageThread(name: "veil-\(camera.name)-ingest") { [self] in supervise() }
        }
    }

    /// Stops the camera: a blocked read returns at once and every open segment is finished.
    func stop() {
        let input: CameraInput? = lock.withLock {
            stopping = true
            return currentInput
        }
        input?.cancel()
        wake.signal()
    }

    /// Waits for the camera's thread to end.
    func join() { _ = lock.withLock { thread }?.join() }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func supervise() {
        var action = Machine.Action.connect
        while true {
            if isStopping, action != .close { action = machine.handle(.stopRequested, now: clock.now) }
            switch action {
            case .connect:
                action = connect()
            case .startReading, .none:
                action = readUntilTheStreamEnds()
            case .recordGap(let from, let to):
                recordGap(from: from, to: to, reason: outageReason)
                action = readUntilTheStreamEnds()
            case .closeAndBackOff(let delay, _):
                logger.info("reconnecting", metadata: ["in": "\(delay)"])
                action = waitThenRetry(delay)
            case .reportRefused(let failure, let retryIn):
                logger.error("camera refused the connection; check its configuration", metadata: [
                    "reason": "\(failure)", "retry_in": "\(retryIn)"])
                action = waitThenRetry(retryIn)
            case .close:
                if let gapStart = machine.openGapStart { recordGap(from: gapStart, to: clock.now, reason: .shutdown) }
                context.metrics.up.set(0)
                context.feed.update { $0.state = .stopped }
                logger.info("stopped", metadata: ["frames": "\(context.metrics.framesOut.value)"])
                return
            }
        }
    }

    private func connect() -> Machine.Action {
        do {
            let input = try CameraInput(camera: camera, relay: relay, readTimeout: readTimeout, known: known)
            known = input.knownStreams
            let stop = lock.withLock { () -> Bool in
                currentInput = input
                return stopping
            }
            if stop { input.cancel() }
            context.metrics.up.set(1)
            context.feed.update {
                $0.state = .recording
                ($0.width, $0.height) = (input.video.width, input.video.height)
            }
            logger.info("connected", metadata: ["video": "\(input.video.codecName) \(input.video.width)x\(input.video.height)",
                                                "probe": "\(input.probedBriefly ? "brief (stream unchanged)" : "full")"])
            return machine.handle(.connectSucceeded, now: clock.now)
        } catch {
            if machine.openGapStart != nil { context.feed.update { $0.state = .reconnecting } }
            var failure = ConnectionFailure(openingError: error)
            if let rejected = relay?.lastFailure, rejected.isCertificateRejected {
                failure = .tlsVerificationFailed
                logger.error("camera certificate rejected", metadata: ["error": "\(rejected)"])
            } else {
                logger.warning("cannot open the camera", metadata: ["error": "\(error)"])
            }
            return machine.handle(.connectFailed(reason: failure), now: clock.now)
        }
    }

    private func readUntilTheStreamEnds() -> Machine.Action {
        guard let input = lock.withLock({ currentInput }) else { return machine.handle(.streamEnded, now: clock.now) }
        let event: Machine.Event
        do {
            _ = try CameraSession.run(input: input, context: context) { keyframe in
                let now = clock.now
                if case .recordGap(let from, let to) = machine.handle(.packetReceived(at: now, keyframe: keyframe), now: now) {
                    recordGap(from: from, to: to, reason: outageReason)
                }
            }
            event = isFileCameraWithoutLoop ? .stopRequested : .streamEnded
            if !isStopping { logger.warning("stream ended", metadata: ["file_camera_done": "\(isFileCameraWithoutLoop)"]) }
        } catch let error as MediaError where error.isTimeout {
            logger.warning("stream stalled", metadata: ["error": "\(error)"])
            event = .stallDetected
        } catch where OutOfSpace.caused(error) {
            // Loud, and room is made at once: the segment in progress is lost, not the camera.
            logger.critical("cannot write footage: the data directory's file system is full; freeing space and reconnecting",
                            metadata: ["error": "\(error)"])
            context.storage.diskFull()
            outageReason = .storageFull
            event = .streamEnded
        } catch {
            if !isStopping { logger.warning("stream failed", metadata: ["error": "\(error)"]) }
            event = .streamEnded
        }
        lock.withLock { currentInput = nil }
        context.metrics.up.set(0)
        context.feed.update { $0.state = isStopping ? .stopped : .reconnecting }
        if event != .stopRequested && !isStopping { context.metrics.reconnects.increment() }
        return machine.handle(isStopping ? .stopRequested : event, now: clock.now)
    }

    private var isFileCameraWithoutLoop: Bool {
        if case .file(let file) = camera.source { return !file.loop }
        return false
    }

    private func waitThenRetry(_ delay: Duration) -> Machine.Action {
        let seconds = delay.inSeconds
        _ = wake.wait(timeout: .now() + seconds)
        return machine.handle(isStopping ? .stopRequested : .backoffElapsed, now: clock.now)
    }

    /// Records `[from, to)` as a gap, from where the camera's footage ended if that is earlier
    /// (the last packet's own time; a lost segment's gap ends there, and the catalog joins the
    /// two into one row for the outage).
    private func recordGap(from: ContinuousClock.Instant, to: ContinuousClock.Instant, reason: Gap.Reason) {
        let lastPacket = date(of: from), end = date(of: to)
        let start = min(lastPacket, context.footageEnd.date ?? lastPacket)
        outageReason = .disconnected
        guard end > start else { return }
        do {
            try context.store.catalogWrite {
                try context.store.catalog.recordGap(Gap(camera: camera.name, start: start, end: end, reason: reason, detail: nil))
            }
            logger.info("footage gap recorded", metadata: ["seconds": "\(String(format: "%.1f", end.timeIntervalSince(start)))"])
        } catch {
            logger.error("cannot record a gap in the catalog", metadata: ["error": "\(error)"])
        }
    }

    /// The recorder's wall time of a past moment on the monotonic clock.
    private func date(of instant: ContinuousClock.Instant) -> Date {
        context.clock.now().addingTimeInterval(-instant.duration(to: clock.now).inSeconds)
    }
}
