/// Test time that moves only when told: the "now" handed to the supervision state machines.
package struct ManualClock {
    /// A point on the manual time line, as an offset from its origin.
    package struct Instant: InstantProtocol, CustomStringConvertible {
        package var offset: Duration

        package init(offset: Duration) { self.offset = offset }

        /// The instant `seconds` after the origin (e.g. `.at(2.5)`).
        package static func at(_ seconds: Double) -> Instant { Instant(offset: .seconds(seconds)) }

        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        package var description: String { "t=\(offset)" }
    }

    package private(set) var now = Instant(offset: .zero)

    package init() {}

    package mutating func advance(by duration: Duration) { now = now.advanced(by: duration) }
}
