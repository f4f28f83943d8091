import Testing
import VeilPipeline
import VeilTestSupport

/// Stopping, stale events, and how the failure count grows for a flapping camera.
extension ConnectionStateMachineTests {
    /// One machine in each state, each reached through real events.
    func machinesInEveryState() -> [Machine] {
        let connecting = machine()
        let streamingWithoutPackets = { var m = machine(); _ = m.handle(.connectSucceeded, now: Self.t(0)); return m }()
        let streaming = streaming(packetsAt: [0, 1])
        let backingOff = { var m = machine(); _ = m.handle(.connectFailed(reason: .unreachable), now: Self.t(0)); return m }()
        let refused = { var m = machine(); _ = m.handle(.connectFailed(reason: .authenticationRefused), now: Self.t(0)); return m }()
        let stopped = { var m = machine(); _ = m.handle(.stopRequested, now: Self.t(0)); return m }()
        return [connecting, streamingWithoutPackets, streaming, backingOff, refused, stopped]
    }

    @Test func stopFromEveryStateClosesAndStops() {
        for var machine in machinesInEveryState() {
            let before = machine.state
            let action = machine.handle(.stopRequested, now: Self.t(5))
            #expect(action == (before == .stopped ? .none : .close), "from \(before)")
            #expect(machine.state == .stopped)
        }
    }

    @Test func afterStopOnlyALateConnectionIsClosedEverythingElseIgnored() {
        var machine = machine()
        #expect(machine.handle(.stopRequested, now: Self.t(0)) == .close)
        let events: [Machine.Event] = [.connectFailed(reason: .unreachable), .packetReceived(at: Self.t(1)), .streamEnded,
                                       .stallDetected, .backoffElapsed, .stopRequested]
        for event in events { #expect(machine.handle(event, now: Self.t(1)) == .none, "\(event)") }
        #expect(machine.handle(.connectSucceeded, now: Self.t(1)) == .close)
        #expect(machine.state == .stopped)
    }

    @Test func staleEventsAreIgnored() {
        var backingOff = machine()
        _ = backingOff.handle(.connectFailed(reason: .unreachable), now: Self.t(0))
        let state = backingOff.state
        for event: Machine.Event in [.stallDetected, .streamEnded, .connectSucceeded, .packetReceived(at: Self.t(0.1))] {
            #expect(backingOff.handle(event, now: Self.t(0.1)) == .none)
        }
        #expect(backingOff.state == state)

        var streaming = streaming(packetsAt: [0])
        #expect(streaming.handle(.backoffElapsed, now: Self.t(0.1)) == .none)
        #expect(streaming.handle(.connectSucceeded, now: Self.t(0.1)) == .none)

        var connecting = machine()
        #expect(connecting.handle(.stallDetected, now: Self.t(0.1)) == .none)
        #expect(connecting.handle(.packetReceived(at: Self.t(0.1)), now: Self.t(0.1)) == .none)
        #expect(connecting.state == .connecting(attempt: 0))
    }

    @Test func aCameraThatAcceptsAndDropsAtOnceBacksOffFurtherEachTime() {
        var machine = machine()
        var clock = ManualClock()
        var delays: [Duration] = []
        for _ in 1...10 {
            _ = machine.handle(.connectSucceeded, now: clock.now)
            _ = machine.handle(.packetReceived(at: clock.now), now: clock.now)
            guard case .closeAndBackOff(let delay, _) = machine.handle(.streamEnded, now: clock.now) else { return }
            delays.append(delay)
            clock.advance(by: delay)
            _ = machine.handle(.backoffElapsed, now: clock.now)
        }
        // A gap is open from the first drop on: the resuming schedule, eight short tries, then doubling.
        #expect(delays == Array(repeating: .milliseconds(125), count: 8) + [.milliseconds(250), .milliseconds(500)])
    }

    @Test func aStableStreamResetsTheFailureCount() {
        var machine = machine()
        for time in [0.0, 0.25, 0.75] {  // three failures in a row
            _ = machine.handle(.connectFailed(reason: .unreachable), now: Self.t(time))
            _ = machine.handle(.backoffElapsed, now: Self.t(time))
        }
        _ = machine.handle(.connectSucceeded, now: Self.t(2))
        _ = machine.handle(.packetReceived(at: Self.t(2)), now: Self.t(2))
        _ = machine.handle(.packetReceived(at: Self.t(12)), now: Self.t(12))  // 10 s of footage: stable
        #expect(machine.handle(.stallDetected, now: Self.t(17)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(12)))
        #expect(machine.state == .backingOff(until: Self.t(17.125), attempt: 1))
    }

    @Test func aSessionThatDeliveredAKeyframeResetsTheFailureCount() {
        // VLC ends the RTP session at every wrap of its playlist: each session served footage.
        var machine = machine()
        var clock = ManualClock()
        var delays: [Duration] = []
        for _ in 1...5 {
            _ = machine.handle(.connectSucceeded, now: clock.now)
            clock.advance(by: .milliseconds(100))
            _ = machine.handle(.packetReceived(at: clock.now, keyframe: true), now: clock.now)
            clock.advance(by: .milliseconds(900))
            _ = machine.handle(.packetReceived(at: clock.now), now: clock.now)
            guard case .closeAndBackOff(let delay, _) = machine.handle(.streamEnded, now: clock.now) else {
                Issue.record("no backoff after the session ended")
                return
            }
            delays.append(delay)
            clock.advance(by: delay)
            _ = machine.handle(.backoffElapsed, now: clock.now)
        }
        #expect(delays == Array(repeating: .milliseconds(125), count: 5), "every session delivered footage: \(delays)")
        #expect(machine.state == .connecting(attempt: 1), "each session's failure is the first in a row")
    }

    @Test func aServerRestartAfterFailedAttemptsStartsTheScheduleAgainOnceFootageFlows() {
        var machine = streaming(packetsAt: [0, 0.5])
        _ = machine.handle(.streamEnded, now: Self.t(1.1))                        // killed
        _ = machine.handle(.backoffElapsed, now: Self.t(1.35))
        _ = machine.handle(.connectFailed(reason: .unreachable), now: Self.t(1.36))  // still down
        _ = machine.handle(.backoffElapsed, now: Self.t(1.86))
        _ = machine.handle(.connectSucceeded, now: Self.t(1.9))                    // back
        #expect(machine.state == .streaming(firstPacket: nil, lastPacket: nil, attempt: 2))
        _ = machine.handle(.packetReceived(at: Self.t(2), keyframe: true), now: Self.t(2))
        #expect(machine.state == .streaming(firstPacket: Self.t(2), lastPacket: Self.t(2), attempt: 0))
        #expect(machine.handle(.streamEnded, now: Self.t(2.5)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(2)))
        #expect(machine.state == .backingOff(until: Self.t(2.625), attempt: 1))
    }

    @Test func packetsWithoutAKeyframeDoNotResetTheFailureCount() {
        var machine = machine()
        _ = machine.handle(.connectFailed(reason: .unreachable), now: Self.t(0))
        _ = machine.handle(.backoffElapsed, now: Self.t(0.25))
        _ = machine.handle(.connectSucceeded, now: Self.t(0.3))
        for time in [0.4, 0.44, 0.48] { _ = machine.handle(.packetReceived(at: Self.t(time)), now: Self.t(time)) }
        #expect(machine.handle(.streamEnded, now: Self.t(0.5)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(0.48)))
        #expect(machine.state == .backingOff(until: Self.t(0.625), attempt: 2), "the failure before counts")
    }

    @Test func aSessionThatServedFootageForASecondIsReconnectedAtOnce() {
        var machine = machine()
        var clock = ManualClock()
        for _ in 1...3 {  // VLC wrapping a 3 s clip: BYE, reconnect, footage, BYE …
            _ = machine.handle(.connectSucceeded, now: clock.now)
            for _ in 0..<75 {
                clock.advance(by: .milliseconds(40))
                _ = machine.handle(.packetReceived(at: clock.now, keyframe: true), now: clock.now)
            }
            #expect(machine.handle(.streamEnded, now: clock.now) == .closeAndBackOff(.zero, gapStart: clock.now))
            #expect(machine.state == .backingOff(until: clock.now, attempt: 0))
            #expect(machine.handle(.backoffElapsed, now: clock.now) == .connect)
        }
        // The camera is gone this time: the schedule starts from its first attempt.
        #expect(machine.handle(.connectFailed(reason: .unreachable), now: clock.now) == .closeAndBackOff(.milliseconds(125), gapStart: clock.now))
        #expect(machine.state == .backingOff(until: clock.now.advanced(by: .milliseconds(125)), attempt: 1))
    }

    @Test func aStallIsNeverRetriedAtOnce() {
        var machine = machine()
        _ = machine.handle(.connectSucceeded, now: Self.t(0))
        _ = machine.handle(.packetReceived(at: Self.t(0), keyframe: true), now: Self.t(0))
        _ = machine.handle(.packetReceived(at: Self.t(3)), now: Self.t(3))
        #expect(machine.handle(.stallDetected, now: Self.t(8)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(3)))
        #expect(machine.state == .backingOff(until: Self.t(8.125), attempt: 1))
    }

    @Test func aCameraThatNeverDeliveredBacksOffOnTheStandardScheduleOneThatDidOnTheResumingOne() {
        var never = machine()
        var resuming = streaming(packetsAt: [0, 0.5])
        _ = resuming.handle(.streamEnded, now: Self.t(0.6))
        var neverDelays: [Duration] = [], resumingDelays: [Duration] = []
        for attempt in 1...5 {
            let now = Self.t(Double(attempt))
            if case .closeAndBackOff(let delay, _) = never.handle(.connectFailed(reason: .unreachable), now: now) { neverDelays.append(delay) }
            _ = never.handle(.backoffElapsed, now: now)
            _ = resuming.handle(.backoffElapsed, now: now)
            if case .closeAndBackOff(let delay, _) = resuming.handle(.connectFailed(reason: .unreachable), now: now) { resumingDelays.append(delay) }
        }
        #expect(neverDelays == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4)])
        #expect(resumingDelays == Array(repeating: .milliseconds(125), count: 5))
    }
}
