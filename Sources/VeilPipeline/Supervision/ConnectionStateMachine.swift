/// The connection of one camera as a value-type state machine: `handle(_:now:)` takes what
/// happened and returns the one `Action` the I/O layer (the camera's ingest thread) performs.
/// No I/O, no clock, no randomness of its own: `now` and `random` are injected, so tests run the
/// whole reconnect story with a manual clock and exact delays.
///
/// ```
/// connecting ──connectSucceeded──▶ streaming ──streamEnded / stallDetected──▶ backingOff
///     ▲  └──connectFailed──▶ backingOff                                          │
///     └────────────────────────────backoffElapsed────────────────────────────────┘
/// any state ──stopRequested──▶ stopped
/// ```
///
/// The machine starts in `connecting(attempt: 0)`: the I/O layer's first action is `.connect`.
/// Events that do not apply to the current state (a watchdog timer firing just after the stream
/// ended, say) return `.none`: they are stale, not errors. A connection that completes after
/// `stopRequested` gets `.close`, so a late-opened input is never left open.
///
/// Gaps: when a stream that delivered packets drops, the time of its last packet opens a gap;
/// the first keyframe after reconnecting (where footage resumes: the packets before it decode to
/// nothing) closes it with `.recordGap(from:to:)`.
///
/// Failures in a row: the count resets once a stream delivers a video keyframe (footage that
/// decodes), or has delivered packets for `stableAfter`. A camera that ends every session after
/// serving footage — VLC ends the RTP session with an RTCP BYE each time its playlist wraps,
/// which FFmpeg reports as end of file — is then reconnected after the first, shortest delay
/// every time instead of backing off towards the cap while it serves video; after a session
/// that served footage for `reconnectAtOnceAfter` (1 s) or more, without any delay. A camera
/// that accepts the connection and drops it before any keyframe still backs off further each time.
public struct ConnectionStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// Where the connection is now (for status and metrics; decisions come as actions).
    public private(set) var state: State = .connecting(attempt: 0)
    /// The last packet before the footage stopped, while footage is missing; nil otherwise.
    /// On shutdown the recorder may record `[openGapStart, now)` itself.
    public private(set) var openGapStart: Instant?
    /// Streams that dropped or stalled so far (for metrics).
    public private(set) var reconnectCount = 0
    /// Schedule after the camera was unreachable, or its stream ended or stalled.
    public let backoff: Backoff
    /// Schedule while getting back a camera whose footage stopped (a gap is open).
    public let resumingBackoff: Backoff
    /// Schedule after refused credentials or an unverified certificate.
    public let refusedBackoff: Backoff
    /// Streaming this long (first to latest packet) resets the failure count, keyframe or not.
    public let stableAfter: Duration
    /// A stream that ends (not stalls) after delivering footage for this long is reconnected at
    /// once, without a delay; a failure to reconnect then backs off from the first attempt.
    public let reconnectAtOnceAfter: Duration
    private let random: @Sendable () -> Double

    /// - Parameters:
    ///   - backoff: schedule after the camera was unreachable, or its stream ended or stalled.
    ///   - resumingBackoff: schedule while getting back a camera whose footage stopped (a gap is open).
    ///   - refusedBackoff: schedule after refused credentials or an unverified certificate.
    ///   - stableAfter: streaming this long (first to latest packet) resets the failure count.
    ///   - reconnectAtOnceAfter: a stream that delivered footage this long and ended is reconnected
    ///     without a delay (at most one immediate retry per this long).
    ///   - random: numbers in 0..<1 for the jitter (constant in tests).
    public init(backoff: Backoff = .standard, resumingBackoff: Backoff = .resuming, refusedBackoff: Backoff = .refused,
                stableAfter: Duration = .seconds(10), reconnectAtOnceAfter: Duration = .seconds(1),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.backoff = backoff
        self.resumingBackoff = resumingBackoff
        self.refusedBackoff = refusedBackoff
        self.stableAfter = stableAfter
        self.reconnectAtOnceAfter = reconnectAtOnceAfter
        self.random = random
    }

    /// Applies `event`, which happened at `now`, and returns what to do.
    public mutating func handle(_ event: Event, now: Instant) -> Action {
        switch (state, event) {
        case (.stopped, .connectSucceeded):
            return .close  // an open that was under way when stop came: close what it opened
        case (.stopped, _):
            return .none
        case (_, .stopRequested):
            state = .stopped
            return .close
        case (.connecting(let attempt), .connectSucceeded):
            state = .streaming(firstPacket: nil, lastPacket: nil, attempt: attempt)
            return .startReading
        case (.connecting(let attempt), .connectFailed(let reason)):
            return backOff(failures: attempt + 1, reason: reason, now: now)
        case (.streaming(let first, _, let attempt), .packetReceived(let time, let keyframe)):
            let firstPacket = first ?? time
            let delivered = keyframe || firstPacket.duration(to: time) >= stableAfter
            state = .streaming(firstPacket: firstPacket, lastPacket: time, attempt: delivered ? 0 : attempt)
            // Footage resumes at a keyframe: the packets before it decode to nothing.
            guard keyframe, let gapStart = openGapStart else { return .none }
            openGapStart = nil
            return .recordGap(from: gapStart, to: time)
        case (.streaming(let first, let last, let attempt), .streamEnded),
             (.streaming(let first, let last, let attempt), .stallDetected):
            // A stream that delivered no keyframe since the last drop leaves that gap open (or none).
            if openGapStart == nil, let last { openGapStart = last }
            reconnectCount += 1
            if event == .streamEnded, attempt == 0, let first, let last, first.duration(to: last) >= reconnectAtOnceAfter {
                // The camera ended a session that served footage (VLC's BYE at a wrap): every moment
                // spent waiting is footage lost, and a session this long bounds the rate of retries.
                state = .backingOff(until: now, attempt: 0)
                return .closeAndBackOff(.zero, gapStart: openGapStart)
            }
            return backOff(failures: attempt + 1, reason: nil, now: now)
        case (.backingOff(_, let attempt), .backoffElapsed):
            // The I/O layer owns the timer: when it says the delay is over, it is.
            state = .connecting(attempt: attempt)
            return .connect
        default:
            return .none
        }
    }

    /// Enters `backingOff` after `failures` failures in a row; `reason` is nil for a dropped stream.
    private mutating func backOff(failures: Int, reason: ConnectionFailure?, now: Instant) -> Action {
        if let reason, reason.isRefusal {
            let delay = refusedBackoff.delay(attempt: failures, random: random())
            state = .backingOff(until: now.advanced(by: delay), attempt: failures)
            return .reportRefused(reason, retryIn: delay)
        }
        let schedule = openGapStart == nil ? backoff : resumingBackoff
        let delay = schedule.delay(attempt: failures, random: random())
        state = .backingOff(until: now.advanced(by: delay), attempt: failures)
        return .closeAndBackOff(delay, gapStart: openGapStart)
    }
}
