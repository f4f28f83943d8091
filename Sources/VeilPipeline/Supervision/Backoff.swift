/// How long to wait before reconnecting to a camera: exponential backoff with equal jitter,
/// as a pure function of the attempt number and a random number.
///
/// The ceiling doubles from `base` per consecutive failure up to `cap`; the delay is drawn
/// uniformly from the upper half of it: `ceiling/2 + random × ceiling/2`. Equal jitter (not
/// full jitter) because full jitter may draw a delay near zero, and a camera that just refused
/// or dropped us should never see a near-immediate retry; the random half still spreads out
/// the cameras of one NVR that all drop at once.
///
/// `Backoff.standard` (camera unreachable, stream ended or stalled):
///
/// | attempt | ceiling | delay range   |
/// |--------:|--------:|---------------|
/// | 1       | 0.5 s   | 0.25 – 0.5 s  |
/// | 2       | 1 s     | 0.5 – 1 s     |
/// | 3       | 2 s     | 1 – 2 s       |
/// | 4       | 4 s     | 2 – 4 s       |
/// | 5       | 8 s     | 4 – 8 s       |
/// | 6       | 16 s    | 8 – 16 s      |
/// | 7 and on| 30 s    | 15 – 30 s     |
///
/// `Backoff.resuming` (getting back a camera whose footage just stopped: the gap is open): most
/// such outages are a restart of the camera's server, or its end of a session, and last a second
/// or two, so the first eight retries come at most a quarter of a second apart — the gap in the
/// catalog then ends soon after the camera is back (a refused TCP connection costs the camera
/// nothing) — before the delay grows as in `standard`:
///
/// | attempt  | ceiling | delay range     |
/// |---------:|--------:|-----------------|
/// | 1 – 8    | 0.25 s  | 0.125 – 0.25 s  |
/// | 9        | 0.5 s   | 0.25 – 0.5 s    |
/// | 10       | 1 s     | 0.5 – 1 s       |
/// | …        | …       | …               |
/// | 15 and on| 30 s    | 15 – 30 s       |
///
/// `Backoff.refused` (credentials refused, certificate not verified): a person has to fix the
/// configuration or the camera, so retrying faster only fills the camera's security log and may
/// lock the account. Never sooner than 15 s:
///
/// | attempt | ceiling | delay range   |
/// |--------:|--------:|---------------|
/// | 1       | 30 s    | 15 – 30 s     |
/// | 2       | 60 s    | 30 – 60 s     |
/// | 3       | 2 min   | 1 – 2 min     |
/// | 4       | 4 min   | 2 – 4 min     |
/// | 5       | 8 min   | 4 – 8 min     |
/// | 6 and on| 10 min  | 5 – 10 min    |
public struct Backoff: Sendable, Equatable {
    /// The ceiling of the first attempt.
    public var base: Duration
    /// The ceiling is multiplied by this after each consecutive failure.
    public var factor: Int
    /// The ceiling never exceeds this.
    public var cap: Duration
    /// How many attempts keep the first ceiling before it starts growing (1: grows from the second).
    public var steadyAttempts: Int

    /// A schedule; traps unless 0 < base ≤ cap, factor ≥ 1 and steadyAttempts ≥ 1 (a configuration checked at load).
    public init(base: Duration, factor: Int = 2, cap: Duration, steadyAttempts: Int = 1) {
        precondition(base > .zero && factor >= 1 && cap >= base && steadyAttempts >= 1,
                     "backoff needs 0 < base ≤ cap, factor ≥ 1 and steadyAttempts ≥ 1")
        self.base = base
        self.factor = factor
        self.cap = cap
        self.steadyAttempts = steadyAttempts
    }

    /// Camera unreachable, stream ended or stalled: 0.5 s doubling to 30 s.
    public static let standard = Backoff(base: .milliseconds(500), cap: .seconds(30))
    /// Getting back a camera whose footage just stopped: eight tries within 0.25 s of each other,
    /// then doubling to 30 s.
    public static let resuming = Backoff(base: .milliseconds(250), cap: .seconds(30), steadyAttempts: 8)
    /// Credentials refused or certificate not verified: 30 s doubling to 10 min.
    public static let refused = Backoff(base: .seconds(30), cap: .seconds(600))

    /// The upper bound of the delay for `attempt` (1 = first retry after a failure).
    public func ceiling(attempt: Int) -> Duration {
        precondition(attempt >= 1, "attempts count from 1")
        var ceiling = base
        var growths = attempt - steadyAttempts
        // Stops multiplying at the cap, so a camera that has been away for days neither
        // overflows the duration nor loops once per attempt.
        while growths > 0 && ceiling < cap && factor > 1 {
            ceiling = ceiling * factor
            growths -= 1
        }
        return Swift.min(ceiling, cap)
    }

    /// The delay before retry number `attempt` (from 1), for a `random` number in 0..<1
    /// (values outside are clamped): between half the ceiling and the ceiling.
    public func delay(attempt: Int, random: Double) -> Duration {
        let half = ceiling(attempt: attempt) / 2
        let fraction = random.isNaN ? 0 : Swift.min(Swift.max(random, 0), 1)
        let spread = Double(half.nanoseconds) * fraction
        return half + .nanoseconds(Int64(spread.rounded(.down)))
    }
}

extension Duration {
    /// Whole nanoseconds (durations here are far below the ±292-year range of Int64 nanoseconds).
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
