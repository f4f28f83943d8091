import Foundation

/// Whether the system clock is synchronised: retention expiry, epoch boundaries and every
/// timestamp follow it. Asks, in order, `timedatectl`, `chronyc tracking`, and systemd-timesyncd's
/// flag file.
///
/// Not synchronised is a warning, not a failure: doctor cannot tell a wrong clock from one set
/// by hand on an isolated camera network, and the recorder already notices and reports clock
/// steps while it runs. A set-up that cannot be checked is a warning too.
enum ClockCheck {
    enum Answer: Equatable {
        case synchronised(String)
        case notSynchronised(String)
        case unknown
    }

    static func run() -> DoctorFinding {
        let fix = "timedatectl set-ntp true, or point chrony (or systemd-timesyncd) at an NTP server this host can reach"
        switch answer() {
        case .synchronised(let source):
            return .ok("clock", "synchronised (\(source))")
        case .notSynchronised(let source):
            return .warning("clock", "not synchronised (\(source)); retention expiry and footage times follow this clock", fix: fix)
        case .unknown:
            return .warning("clock", "synchronisation unknown: timedatectl did not answer, no chronyc, "
                            + "no /run/systemd/timesync/synchronized", fix: fix)
        }
    }

    static func answer() -> Answer {
        if let output = tool("timedatectl", ["show", "-p", "NTPSynchronized", "--value"]) {
            switch output {
            case "yes": return .synchronised("timedatectl NTPSynchronized=yes")
            case "no": return .notSynchronised("timedatectl NTPSynchronized=no")
            default: break
            }
        }
        if let output = tool("chronyc", ["tracking"]),
           let leap = output.split(separator: "\n").first(where: { $0.hasPrefix("Leap status") }) {
            let status = leap.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return status == "Not synchronised" ? .notSynchronised("chronyc: leap status \(status)")
                : .synchronised("chronyc: leap status \(status)")
        }
        if FileManager.default.fileExists(atPath: "/run/systemd/timesync/synchronized") {
            return .synchronised("/run/systemd/timesync/synchronized exists")
        }
        return .unknown
    }

    /// The trimmed standard output of `name` (found in the usual system folders) when it exits 0
    /// within two seconds; nil otherwise.
    private static func tool(_ name: String, _ arguments: [String]) -> String? {
        guard let path = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"].map({ $0 + "/" + name })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
