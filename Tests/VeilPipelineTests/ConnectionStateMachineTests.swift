import Testing
import VeilPipeline
import VeilTestSupport

/// The reconnect story of one camera, told with a manual clock and a fixed jitter draw
/// (random = 0: every delay is exactly half its ceiling, see `Backoff`).
@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine<ManualClock.Instant>
    static func t(_ seconds: Double) -> ManualClock.Instant { .at(seconds) }

    func machine() -> Machine { Machine(random: { 0 }) }

    /// A machine that is streaming and has received packets at `times`.
    func streaming(packetsAt times: [Double]) -> Machine {
        var machine = machine()
        #expect(machine.handle(.connectSucceeded, now: Self.t(0)) == .startReading)
        for time in times { #expect(machine.handle(.packetReceived(at: Self.t(time)), now: Self.t(time)) == .none) }
        return machine
    }

    @Test func startsByConnectingThenReads() {
        var machine = machine()
        #expect(machine.state == .connecting(attempt: 0))
        #expect(machine.handle(.connectSucceeded, now: Self.t(0)) == .startReading)
        #expect(machine.handle(.packetReceived(at: Self.t(0.04)), now: Self.t(0.04)) == .none)
        #expect(machine.state == .streaming(firstPacket: Self.t(0.04), lastPacket: Self.t(0.04), attempt: 0))
    }

    @Test func unreachableCameraBacksOffOnTheStandardSchedule() {
        var machine = machine()
        var clock = ManualClock()
        var delays: [Duration] = []
        for attempt in 1...8 {
            guard case .closeAndBackOff(let delay, gapStart: nil) = machine.handle(.connectFailed(reason: .unreachable), now: clock.now) else {
                Issue.record("attempt \(attempt) did not back off")
                return
            }
            #expect(machine.state == .backingOff(until: clock.now.advanced(by: delay), attempt: attempt))
            delays.append(delay)
            clock.advance(by: delay)
            #expect(machine.handle(.backoffElapsed, now: clock.now) == .connect)
            #expect(machine.state == .connecting(attempt: attempt))
        }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4),
                           .seconds(8), .seconds(15), .seconds(15)])
    }

    @Test(arguments: [ConnectionFailure.authenticationRefused, .tlsVerificationFailed])
    func refusalsAreReportedAndRetriedSlowly(_ reason: ConnectionFailure) {
        var machine = machine()
        var clock = ManualClock()
        var delays: [Duration] = []
        for _ in 1...4 {
            guard case .reportRefused(reason, let delay) = machine.handle(.connectFailed(reason: reason), now: clock.now) else {
                Issue.record("a refusal was not reported")
                return
            }
            delays.append(delay)
            clock.advance(by: delay)
            #expect(machine.handle(.backoffElapsed, now: clock.now) == .connect)
        }
        #expect(delays == [.seconds(15), .seconds(30), .seconds(60), .seconds(120)])
        // Four refusals took 225 s: no hot loop against the camera's login.
        #expect(clock.now == Self.t(225))
    }

    @Test func endOfFileOnALiveInputMeansDisconnectedAndReconnects() {
        var machine = streaming(packetsAt: [0.0, 0.04, 0.08])
        #expect(machine.handle(.streamEnded, now: Self.t(0.1)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(0.08)))
        #expect(machine.reconnectCount == 1)
        #expect(machine.handle(.backoffElapsed, now: Self.t(0.35)) == .connect)
        #expect(machine.handle(.connectSucceeded, now: Self.t(0.4)) == .startReading)
    }

    @Test func stallReconnectsLikeADrop() {
        var machine = streaming(packetsAt: [0.0, 1.0])
        #expect(machine.handle(.stallDetected, now: Self.t(6)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(1)))
        #expect(machine.reconnectCount == 1)
        #expect(machine.state == .backingOff(until: Self.t(6.125), attempt: 1))
    }

    @Test func gapRunsFromTheLastPacketToTheFirstPacketAfterReconnecting() {
        var machine = streaming(packetsAt: [0.0, 1.0, 2.0])
        // Two seconds of footage, then the end: reconnect at once.
        #expect(machine.handle(.streamEnded, now: Self.t(2.5)) == .closeAndBackOff(.zero, gapStart: Self.t(2)))
        #expect(machine.openGapStart == Self.t(2))
        #expect(machine.handle(.backoffElapsed, now: Self.t(2.5)) == .connect)
        // The server is still down: the same gap stays open.
        #expect(machine.handle(.connectFailed(reason: .unreachable), now: Self.t(2.55)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(2)))
        #expect(machine.handle(.backoffElapsed, now: Self.t(2.8)) == .connect)
        // Getting the footage back: the resuming schedule's first attempts stay at 0.125–0.25 s.
        #expect(machine.handle(.connectFailed(reason: .unreachable), now: Self.t(2.8)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(2)))
        #expect(machine.state == .backingOff(until: Self.t(2.8).advanced(by: .milliseconds(125)), attempt: 2))
        #expect(machine.handle(.backoffElapsed, now: Self.t(3.3)) == .connect)
        #expect(machine.handle(.connectSucceeded, now: Self.t(3.5)) == .startReading)
        // Packets before the first keyframe decode to nothing: footage resumes at the keyframe.
        #expect(machine.handle(.packetReceived(at: Self.t(3.52)), now: Self.t(3.52)) == .none)
        #expect(machine.handle(.packetReceived(at: Self.t(3.6), keyframe: true), now: Self.t(3.6)) == .recordGap(from: Self.t(2), to: Self.t(3.6)))
        #expect(machine.openGapStart == nil)
        #expect(machine.handle(.packetReceived(at: Self.t(3.64)), now: Self.t(3.64)) == .none)
    }

    @Test func aConnectionThatDropsBeforeAnyPacketKeepsTheEarlierGapOpen() {
        var machine = streaming(packetsAt: [0.0, 0.5])
        _ = machine.handle(.streamEnded, now: Self.t(1.5))
        _ = machine.handle(.backoffElapsed, now: Self.t(2))
        _ = machine.handle(.connectSucceeded, now: Self.t(2.1))
        #expect(machine.handle(.streamEnded, now: Self.t(2.2)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(0.5)))
        #expect(machine.state == .backingOff(until: Self.t(2.2).advanced(by: .milliseconds(125)), attempt: 2))
        _ = machine.handle(.backoffElapsed, now: Self.t(3))
        _ = machine.handle(.connectSucceeded, now: Self.t(3.1))
        #expect(machine.handle(.packetReceived(at: Self.t(3.2), keyframe: true), now: Self.t(3.2)) == .recordGap(from: Self.t(0.5), to: Self.t(3.2)))
    }

    @Test func noGapBeforeTheFirstPacketEver() {
        var machine = machine()
        _ = machine.handle(.connectFailed(reason: .unreachable), now: Self.t(0))
        _ = machine.handle(.backoffElapsed, now: Self.t(0.25))
        _ = machine.handle(.connectSucceeded, now: Self.t(0.3))
        #expect(machine.handle(.packetReceived(at: Self.t(0.4)), now: Self.t(0.4)) == .none)
    }

    @Test func everyOutageRecordsItsOwnGap() {
        var machine = machine()
        var clock = ManualClock()
        var gaps: [Machine.Action] = []
        _ = machine.handle(.connectSucceeded, now: clock.now)
        for _ in 1...3 {
            clock.advance(by: .seconds(20))  // 20 s of footage, then the camera goes away
            _ = machine.handle(.packetReceived(at: clock.now), now: clock.now)
            let lastPacket = clock.now
            guard case .closeAndBackOff(let delay, lastPacket) = machine.handle(.streamEnded, now: clock.now) else {
                Issue.record("no backoff after the drop")
                return
            }
            clock.advance(by: delay)
            _ = machine.handle(.backoffElapsed, now: clock.now)
            _ = machine.handle(.connectSucceeded, now: clock.now)
            clock.advance(by: .milliseconds(100))
            gaps.append(machine.handle(.packetReceived(at: clock.now, keyframe: true), now: clock.now))
            #expect(gaps.last == .recordGap(from: lastPacket, to: clock.now))
        }
        #expect(gaps.count == 3 && machine.reconnectCount == 3)
    }

    @Test func aSessionWithoutAKeyframeKeepsTheGapOpenFromTheLastFootage() {
        var machine = streaming(packetsAt: [0.0, 0.5])
        _ = machine.handle(.streamEnded, now: Self.t(0.6))
        _ = machine.handle(.backoffElapsed, now: Self.t(0.85))
        _ = machine.handle(.connectSucceeded, now: Self.t(0.9))
        _ = machine.handle(.packetReceived(at: Self.t(1.5)), now: Self.t(1.5))  // mid-GOP: nothing decodable
        #expect(machine.handle(.streamEnded, now: Self.t(1.6)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(0.5)))
        #expect(machine.state == .backingOff(until: Self.t(1.6).advanced(by: .milliseconds(125)), attempt: 2))
        _ = machine.handle(.backoffElapsed, now: Self.t(2.1))
        _ = machine.handle(.connectSucceeded, now: Self.t(2.2))
        #expect(machine.handle(.packetReceived(at: Self.t(2.3), keyframe: true), now: Self.t(2.3)) == .recordGap(from: Self.t(0.5), to: Self.t(2.3)))
    }
}
