import Foundation
import VeilMedia
import VeilPipeline

/// The I/O side of the connection state machine, reduced to one thread and no recording: it
/// performs each action with a real `Demuxer` and feeds back what happened. A reference for the
/// recorder's ingest loop, and the way tests run the machine against the real camera.
struct SupervisedReader {
    typealias Machine = ConnectionStateMachine<ContinuousClock.Instant>

    /// What the reader saw, for the test to check.
    struct Log {
        var packets: [ContinuousClock.Instant] = []
        var gaps: [(from: ContinuousClock.Instant, to: ContinuousClock.Instant)] = []
        var failures: [ConnectionFailure] = []
        var backoffs: [Duration] = []
        /// Every action the machine returned, in order.
        var actions: [Machine.Action] = []
    }

    var machine: Machine
    let url: String
    let readTimeout: Duration
    private(set) var log = Log()

    init(url: String, readTimeout: Duration, backoff: Backoff) {
        self.url = url
        self.readTimeout = readTimeout
        machine = Machine(backoff: backoff, refusedBackoff: backoff, random: { 0.5 })
    }

    /// Runs until `hook` asks to stop (it sees the log after every event) or `limit` passes.
    mutating func run(limit: Duration, hook: (Log) throws -> Bool) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var demuxer: Demuxer?
        let packet = try Packet()
        var action = Machine.Action.connect  // the machine starts in `connecting`
        while clock.now < deadline {
            switch action {
            case .connect:
                do {
                    demuxer = try Demuxer(url: url, options: ["rtsp_transport": "tcp"], timeout: readTimeout)
                    action = machine.handle(.connectSucceeded, now: clock.now)
                } catch {
                    log.failures.append(ConnectionFailure(openingError: error))
                    action = machine.handle(.connectFailed(reason: log.failures.last!), now: clock.now)
                }
            case .closeAndBackOff(let delay, _), .reportRefused(_, let delay):
                demuxer = nil
                log.backoffs.append(delay)
                Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) * 1e-18)
                action = machine.handle(.backoffElapsed, now: clock.now)
            case .close:
                return
            case .recordGap(let from, let to):
                log.gaps.append((from, to))
                action = read(demuxer!, into: packet, now: clock)
            case .startReading, .none:
                action = read(demuxer!, into: packet, now: clock)
            }
            log.actions.append(action)
            if try hook(log) { action = machine.handle(.stopRequested, now: clock.now) }
        }
    }

    /// One read, turned into the event it means on a live camera.
    private mutating func read(_ demuxer: Demuxer, into packet: Packet, now clock: ContinuousClock) -> Machine.Action {
        do {
            guard try demuxer.read(into: packet) == .packet else {
                return machine.handle(.streamEnded, now: clock.now)  // live input: EOF = disconnected
            }
            let now = clock.now
            log.packets.append(now)
            return machine.handle(.packetReceived(at: now, keyframe: packet.isKeyframe), now: now)
        } catch let error as MediaError where error.isTimeout {
            return machine.handle(.stallDetected, now: clock.now)
        } catch {
            return machine.handle(.streamEnded, now: clock.now)
        }
    }
}
