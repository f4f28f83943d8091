import Foundation
import VeilTestSupport

/// A real `veil record` with the staff console on, recording the bundled sample as a looped
/// file camera (counting people in its right half and across its path, in 5 s intervals),
/// with one officer and a viewer and an exporter. Stopped (SIGTERM) by `stop()`.
final class ConsoleRecorder {
    static let password = "console-test-password"
    let directory: URL
    let data: String
    let configuration: String
    private let process = Process()
    private let log: URL
    /// `http://127.0.0.1:PORT` or `https://…`.
    private(set) var url = ""

    /// `executable`: the `veil` that records and serves (users are added with the build's).
    init(web: String, camera: String = "room", executable: URL = VeilProcess.executable) throws {
        directory = try VeilProcess.temporaryDirectory()
        data = directory.appendingPathComponent("data").path
        let secrets = directory.appendingPathComponent("password").path
        try (Self.password + "\n").write(toFile: secrets, atomically: true, encoding: .utf8)
        for command in [["officer", "add", "officer1", "--passphrase-file", secrets],
                        ["user", "add", "viewer1", "--role", "viewer", "--password-file", secrets],
                        ["user", "add", "exporter1", "--role", "exporter", "--password-file", secrets]] {
            let outcome = try VeilProcess.run(command + ["--data-dir", data])
            guard outcome.status == 0 else { throw TestSupport.Failure(description: "veil \(command[0]) failed: \(outcome.standardError)") }
        }
        configuration = directory.appendingPathComponent("veil.yaml").path
        try """
            dataDirectory: \(data)
            segmentSeconds: 4
            \(web)
            occupancy: {interval: 5s}
            cameras:
              - name: \(camera)
                url: \(TestSupport.sample)
                loop: true
                occupancy:
                  zones: [{name: right, polygon: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]]}]
                  lines: [{name: path, from: [0.45, 0.15], to: [0.45, 0.6], inside: left}]
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
        log = directory.appendingPathComponent("record.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = executable
        process.arguments = ["record", "--config", configuration]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while url.isEmpty, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.2)
            if let line = output.split(separator: "\n").first(where: { $0.contains("staff console served") }),
               let found = line.split(separator: " ").first(where: { $0.hasPrefix("url=") }) {
                url = String(found.dropFirst(4))
            }
        }
        guard !url.isEmpty else { throw TestSupport.Failure(description: "the console did not start:\n\(output)") }
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds (polling), up to `seconds`.
    func wait(_ seconds: Double, for what: String, until condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw TestSupport.Failure(description: "timed out after \(seconds) s waiting for \(what)\n\(output.suffix(2000))")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
