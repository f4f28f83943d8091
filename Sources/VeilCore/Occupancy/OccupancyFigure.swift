/// A stored figure: exact, or only known to be below the minimum count.
public enum OccupancyFigure: Sendable, Hashable, CustomStringConvertible {
    case value(Double)
    /// Below this minimum (`occupancy.minimumCount`): stored as "<N", never the exact figure.
    case below(Int)

    /// `value` unless it is below `minimum`. Zero is coarsened too: "<3" must not tell an
    /// empty room from one with a single person.
    public static func coarsened(_ value: Double, minimum: Int) -> OccupancyFigure {
        value < Double(minimum) ? .below(minimum) : .value(value)
    }

    /// "<3", "12" or "4.25".
    public var description: String {
        switch self {
        case .below(let minimum): "<\(minimum)"
        case .value(let value):
            value == value.rounded() ? String(Int(value)) : String((value * 100).rounded() / 100)
        }
    }
}

extension OccupancyFigure: Encodable {
    /// A number, or the string "<N".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .below: try container.encode(description)
        case .value(let value) where value == value.rounded() && abs(value) < 1e15: try container.encode(Int(value))
        case .value(let value): try container.encode((value * 100).rounded() / 100)
        }
    }
}
