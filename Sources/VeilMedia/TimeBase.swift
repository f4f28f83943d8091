internal import CFFmpeg

/// A rational number of seconds per tick, as FFmpeg's AVRational.
public struct TimeBase: Hashable, Sendable, CustomStringConvertible {
    public var numerator: Int32
    public var denominator: Int32

    public init(_ numerator: Int32, _ denominator: Int32) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ rational: AVRational) {
        self.init(rational.num, rational.den)
    }

    var rational: AVRational { AVRational(num: numerator, den: denominator) }

    /// Whether this is a usable, positive rational.
    public var isValid: Bool { numerator > 0 && denominator > 0 }

    /// The value in seconds of `ticks` in this time base.
    public func seconds(_ ticks: Int64) -> Double {
        Double(ticks) * Double(numerator) / Double(denominator)
    }

    /// `ticks` in this time base expressed in `other`, rounded to nearest.
    public func rescale(_ ticks: Int64, to other: TimeBase) -> Int64 {
        av_rescale_q(ticks, rational, other.rational)
    }

    public var description: String { "\(numerator)/\(denominator)" }
}
