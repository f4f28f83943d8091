import Testing
import VeilPipeline

/// "No packet for the timeout" is a stall, decided with a manual clock.
@Suite struct StallWatchdogTests {
    typealias Watchdog = StallWatchdog<ManualClock.Instant>
    static func t(_ seconds: Double) -> ManualClock.Instant { .at(seconds) }

    @Test func idleUntilArmed() {
        var watchdog = Watchdog(timeout: .seconds(5))
        #expect(watchdog.check(now: Self.t(100)) == .idle)
        watchdog.packetReceived(at: Self.t(1))
        #expect(watchdog.check(now: Self.t(100)) == .idle)
        #expect(watchdog.nextCheck == nil)
    }

    @Test func packetsKeepTheStreamHealthy() {
        var watchdog = Watchdog(timeout: .seconds(5))
        watchdog.arm(at: Self.t(0))
        for second in 1...20 {
            watchdog.packetReceived(at: Self.t(Double(second)))
            #expect(watchdog.check(now: Self.t(Double(second) + 4.9)) == .healthy(deadline: Self.t(Double(second) + 5)))
        }
    }

    @Test func silenceOfTheTimeoutIsAStallReportedOnce() {
        var watchdog = Watchdog(timeout: .seconds(5))
        watchdog.arm(at: Self.t(0))
        watchdog.packetReceived(at: Self.t(2))
        #expect(watchdog.nextCheck == Self.t(7))
        #expect(watchdog.check(now: Self.t(6.999)) == .healthy(deadline: Self.t(7)))
        #expect(watchdog.check(now: Self.t(7)) == .stalled(silence: .seconds(5)))
        #expect(watchdog.check(now: Self.t(8)) == .idle, "a stall is reported once per arming")
        watchdog.arm(at: Self.t(9))
        #expect(watchdog.check(now: Self.t(15)) == .stalled(silence: .seconds(6)))
    }

    @Test func aConnectionThatNeverSendsAPacketStalls() {
        var watchdog = Watchdog(timeout: .seconds(5))
        watchdog.arm(at: Self.t(10))
        #expect(watchdog.check(now: Self.t(14)) == .healthy(deadline: Self.t(15)))
        #expect(watchdog.check(now: Self.t(16)) == .stalled(silence: .seconds(6)))
    }

    @Test func olderPacketsNeverMoveTheDeadlineBack() {
        var watchdog = Watchdog(timeout: .seconds(5))
        watchdog.arm(at: Self.t(0))
        watchdog.packetReceived(at: Self.t(4))
        watchdog.packetReceived(at: Self.t(3))
        #expect(watchdog.nextCheck == Self.t(9))
    }

    @Test func disarmedWatchdogSaysNothing() {
        var watchdog = Watchdog()
        #expect(watchdog.timeout == .seconds(5))
        watchdog.arm(at: Self.t(0))
        watchdog.disarm()
        #expect(watchdog.check(now: Self.t(60)) == .idle)
    }

    @Test func drivesTheConnectionStateMachine() {
        var machine = ConnectionStateMachine<ManualClock.Instant>(random: { 0 })
        var watchdog = Watchdog(timeout: .seconds(5))
        #expect(machine.handle(.connectSucceeded, now: Self.t(0)) == .startReading)
        watchdog.arm(at: Self.t(0))
        _ = machine.handle(.packetReceived(at: Self.t(1)), now: Self.t(1))
        watchdog.packetReceived(at: Self.t(1))
        guard case .stalled = watchdog.check(now: Self.t(6)) else {
            Issue.record("no stall after 5 s of silence")
            return
        }
        #expect(machine.handle(.stallDetected, now: Self.t(6)) == .closeAndBackOff(.milliseconds(125), gapStart: Self.t(1)))
    }
}
