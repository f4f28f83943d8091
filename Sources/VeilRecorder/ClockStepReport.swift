import Foundation
import Logging
import VeilCore
import VeilVault

/// A step of the wall clock, put on the record: an audit entry `clock.step` with the time the
/// clock should have shown and the time it showed, and a warning in the log.
struct ClockStepReport {
    let step: SteadyWallTime.Step
    /// The time the recorder goes on with (the new wall time forward; its own, steady time back).
    let time: Date

    var reason: String {
        let direction = step.seconds > 0 ? "forward" : "backward"
        let followed = step.seconds > 0
            ? "followed: footage and retention use the new time, and what expired by it is shredded now"
            : "not followed: footage and retention times continue from \(Timestamps.format(time)) until the clock catches up"
        return "clock step \(direction) by \(String(format: "%.3f", abs(step.seconds))) s against the monotonic clock: "
            + "from \(Timestamps.format(step.expected)) to \(Timestamps.format(step.observed)); \(followed)"
    }

    func record(in audit: AuditLog, logger: Logger) {
        logger.warning("the wall clock was stepped; check the time service (NTP) of this machine", metadata: [
            "from": "\(Timestamps.format(step.expected))", "to": "\(Timestamps.format(step.observed))",
            "seconds": "\(String(format: "%.3f", step.seconds))"])
        do {
            try audit.append(actor: "veil-recorder", action: "clock.step", subject: "wall clock", reason: reason)
        } catch {
            logger.error("the clock step could not be written to the audit log", metadata: ["error": "\(error)"])
        }
    }
}
