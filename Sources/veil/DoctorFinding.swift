import Foundation
/// One line of `veil doctor`: how a check came out, what was checked and found, and for a
/// problem the one command or edit that fixes it.
struct DoctorFinding: Sendable, Equatable {
    enum Status: String, Sendable {
        case ok, warning
        case fail = "FAIL"
    }

    var status: Status
    /// What was checked: `configuration`, `data directory`, `camera front`, …
    var check: String
    /// What was found. Never a credential.
    var detail: String
    /// For a warning or a failure: one concrete command or edit.
    var fix: String?

    static func ok(_ check: String, _ detail: String) -> DoctorFinding {
        DoctorFinding(status: .ok, check: check, detail: detail, fix: nil)
    }

    static func warning(_ check: String, _ detail: String, fix: String) -> DoctorFinding {
        DoctorFinding(status: .warning, check: check, detail: detail, fix: fix)
    }

    static func fail(_ check: String, _ detail: String, fix: String) -> DoctorFinding {
        DoctorFinding(status: .fail, check: check, detail: detail, fix: fix)
    }

    /// `FAIL     data directory: /var/lib/veil has mode 0777 … — fix: chmod 0750 /var/lib/veil`.
    var line: String {
        let status = self.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        return status + check + ": " + detail + (fix.map { " — fix: " + $0 } ?? "")
    }
}
