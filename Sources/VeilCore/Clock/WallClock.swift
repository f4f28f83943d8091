public import Foundation

/// The source of "now" for catalog times, epochs and retention; injected so tests control time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
