/// A change of one zone's state against its capacity.
public enum CapacityChange: Sendable, Hashable {
    /// More people than the capacity are present now.
    case exceeded
    /// Back at or under the capacity.
    case restored
}

/// Watches one zone's live count against its capacity and reports each crossing once,
/// either way (for the one log line per crossing).
public struct CapacityWatch: Sendable, Hashable {
    public let capacity: Int
    public private(set) var isOver = false

    public init(capacity: Int) {
        self.capacity = capacity
    }

    public mutating func observe(people: Int) -> CapacityChange? {
        let over = people > capacity
        guard over != isOver else { return nil }
        isOver = over
        return over ? .exceeded : .restored
    }
}
