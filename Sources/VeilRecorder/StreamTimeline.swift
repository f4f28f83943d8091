import Foundation
import VeilMedia

/// Maps one connection's stream timestamps to wall-clock time: the first packet's time is
/// taken as when it arrived, and later times follow the stream's own clock, so segment
/// times are exact relative to each other and raw and redacted segments get identical times.
struct StreamTimeline: Sendable {
    let origin: Date
    let originPTS: Int64
    let timeBase: TimeBase

    func date(_ pts: Int64) -> Date {
        origin.addingTimeInterval(timeBase.seconds(pts - originPTS))
    }
}
