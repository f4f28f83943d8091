/// Notices a camera that stays connected but stops sending (frozen firmware, a half-open TCP
/// connection): no packet for `timeout` means stalled. A value type with an injected `now`; the
/// recorder feeds it packets and calls `check(now:)` from a timer, at `nextCheck` or every second.
///
/// The read deadline of the demuxer also catches a blocked read; the watchdog covers the cases a
/// deadline cannot see, such as a camera that keeps the connection alive with RTCP or keep-alive
/// answers but sends no video, and it gives one place where "stalled" is decided and tested.
///
/// It reports a stall once per arming, so a timer that keeps firing while the recorder tears the
/// connection down does not send `stallDetected` again and again.
public struct StallWatchdog<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// What `check(now:)` found.
    public enum Verdict: Sendable, Equatable {
        /// Not watching (not connected, or the stall was already reported).
        case idle
        /// Packets are flowing; the stream stalls if nothing comes before `deadline`.
        case healthy(deadline: Instant)
        /// Nothing for `silence` (≥ the timeout) since the last packet or the connection: report
        /// `stallDetected` to the connection state machine.
        case stalled(silence: Duration)
    }

    /// How long without a packet counts as a stall (default 5 s: at least two keyframe
    /// intervals of a typical camera, well below what a viewer would accept as a gap).
    public let timeout: Duration
    /// The last packet, or the moment watching started when none has arrived yet; nil when idle.
    public private(set) var lastActivity: Instant?

    /// A watchdog that starts idle; traps on a timeout that is not positive.
    public init(timeout: Duration = .seconds(5)) {
        precondition(timeout > .zero, "a stall timeout must be positive")
        self.timeout = timeout
    }

    /// Starts watching (the connection is up and reading starts): the first packet must come within `timeout`.
    public mutating func arm(at now: Instant) { lastActivity = now }

    /// Stops watching (disconnected, backing off, stopped).
    public mutating func disarm() { lastActivity = nil }

    /// A packet arrived: the stream is alive until `time + timeout`. Ignored while idle.
    public mutating func packetReceived(at time: Instant) {
        guard let lastActivity else { return }
        // Keeps the later time: packets handed over out of order never move the deadline back.
        self.lastActivity = Swift.max(lastActivity, time)
    }

    /// When the next check would find a stall, if nothing arrives before; nil while idle.
    public var nextCheck: Instant? { lastActivity.map { $0.advanced(by: timeout) } }

    /// Whether the stream has stalled at `now`. Reports `.stalled` once, then goes idle until re-armed.
    public mutating func check(now: Instant) -> Verdict {
        guard let lastActivity else { return .idle }
        let silence = lastActivity.duration(to: now)
        guard silence >= timeout else { return .healthy(deadline: lastActivity.advanced(by: timeout)) }
        self.lastActivity = nil
        return .stalled(silence: silence)
    }
}
