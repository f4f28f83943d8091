/// Test time that moves only when told: the "now" handed to the supervision state machines.
struct ManualClock {
    /// A point on the manual time line, as an offset from its origin.
    struct Instant: InstantProtocol, CustomStringConvertible {
        var offset: Duration

        /// The instant `seconds` after the origin (e.g. `.at(2.5)`).
        static func at(_ seconds: Double) -> Instant { Instant(offset: .seconds(seconds)) }

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        var description: String { "t=\(offset)" }
    }

    private(set) var now = Instant(offset: .zero)

    mutating func advance(by duration: Duration) { now = now.advanced(by: duration) }
}
