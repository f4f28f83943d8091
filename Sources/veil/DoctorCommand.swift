import ArgumentParser
import Foundation
import VeilConfig

/// `veil doctor`: checks a server set-up, one line per check, without changing anything.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a server set-up: configuration, data directory, officers, models, runtime, cameras, disk, clock, cluster database.",
        discussion: """
            Prints one line per check: ok, warning or FAIL, what was checked, and for a problem \
            the command or edit that fixes it. Exits 1 if anything FAILs (warnings alone: 0). \
            Read-only: creates and changes no file; officer records are read without opening \
            (and so sweeping) the vault.
            """
    )

    @Option(help: "The YAML configuration to check.")
    var config = "/etc/veil/veil.yaml"

    @Option(name: .customLong("camera-timeout"), help: "How long each camera may take to answer, e.g. 5s or 800ms.")
    var cameraTimeout = "5s"

    func validate() throws {
        guard DoctorCommand.duration(cameraTimeout) != nil else {
            throw ValidationError("--camera-timeout '\(cameraTimeout)' is not a duration; write it like 5s or 800ms.")
        }
    }

    func run() async throws {
        var findings: [DoctorFinding] = []
        func report(_ finding: DoctorFinding) {
            findings.append(finding)
            print(finding.line)
        }
        let loaded = DoctorChecks.configuration(path: config)
        report(loaded.finding)
        if let configuration = loaded.configuration {
            let setup = DoctorChecks(configuration: configuration, configPath: config)
            report(setup.dataDirectory())
            report(setup.officers())
            let runtime = setup.inferenceRuntime()
            report(setup.models(backend: runtime.backend))
            report(runtime.finding)
            for camera in configuration.cameras {
                report(setup.camera(camera, timeout: DoctorCommand.duration(cameraTimeout)!))
            }
            report(setup.freeSpace())
            if let cluster = configuration.cluster { report(await setup.clusterDatabase(cluster)) }
        }
        report(ClockCheck.run())
        let failures = findings.filter { $0.status == .fail }.count
        let warnings = findings.filter { $0.status == .warning }.count
        let warned = warnings == 1 ? "1 warning" : "\(warnings) warnings"
        print(failures == 0 && warnings == 0 ? "all \(findings.count) checks ok"
              : "\(findings.count) checks: \(failures) failed, \(warned)")
        if failures > 0 { throw ExitCode.failure }
    }

    /// `5s`, `800ms`, `1m` or a number of seconds.
    static func duration(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        let unit = units.first { text.hasSuffix($0.suffix) } ?? ("", 1)
        guard let value = Double(text.dropLast(unit.suffix.count)), value > 0, value <= 3600 else { return nil }
        return .milliseconds(Int64(value * unit.seconds * 1000))
    }
}
