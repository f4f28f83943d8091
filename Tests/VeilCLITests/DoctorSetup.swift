import Foundation
import VeilTestSupport

/// A server set-up for `veil doctor` in a temporary folder: a data directory (mode 0750) with
/// one officer registered through the real CLI, and a configuration naming `cameraURL`.
struct DoctorSetup {
    let folder: URL
    var data: String { folder.appendingPathComponent("data").path }
    var config: String { folder.appendingPathComponent("veil.yaml").path }

    init(cameraURL: String, officer: Bool = true) throws {
        folder = try VeilProcess.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o750])
        try writeConfiguration(cameraURL: cameraURL)
        if officer {
            let passphrase = folder.appendingPathComponent("alice.pass").path
            try Data("correct horse battery staple\n".utf8).write(to: URL(fileURLWithPath: passphrase))
            let added = try VeilProcess.run(["officer", "add", "alice", "--passphrase-file", passphrase, "--data-dir", data])
            guard added.status == 0 else { throw SetupError("veil officer add failed: \(added.standardError)") }
        }
    }

    func writeConfiguration(cameraURL: String) throws {
        let text = """
            dataDirectory: \(data)
            cameras:
              - name: front
                url: \(cameraURL)
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: config))
    }

    func doctor(environment: [String: String] = [:]) throws -> VeilProcess.Outcome {
        try VeilProcess.run(["doctor", "--config", config, "--camera-timeout", "5s"], environment: environment)
    }

    /// Every path under the data directory with its type, mode, size and modification time.
    func dataTree() throws -> [String] {
        let root = URL(fileURLWithPath: data)
        var lines: [String] = []
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            lines.append([url.path, "\(attributes[.type]!)", "\(attributes[.posixPermissions]!)", "\(attributes[.size]!)",
                          "\((attributes[.modificationDate] as! Date).timeIntervalSince1970)"].joined(separator: " "))
        }
        let top = try FileManager.default.attributesOfItem(atPath: data)
        lines.append("\(data) \(top[.posixPermissions]!) \((top[.modificationDate] as! Date).timeIntervalSince1970)")
        return lines.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The output line of the check named `check` (e.g. `camera front`).
    static func line(_ check: String, in outcome: VeilProcess.Outcome) -> String? {
        line(check, in: outcome.standardOutput)
    }

    static func line(_ check: String, in output: String) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.dropFirst(8).hasPrefix(check + ": ") }
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
