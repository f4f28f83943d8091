import Foundation
import Testing
import VeilTestSupport

/// scripts/install.sh into a staging root (DESTDIR), as a package build would: the tree, its
/// modes, the units systemd would load, the installed binary working on its own, a second
/// install keeping the configuration, and scripts/uninstall.sh keeping the data.
@Suite(.serialized) struct InstallTests {
    static let prefix = "/usr/local"
    static let openVINO = "/usr/local/lib/veil/openvino"

    static func install(into root: URL, script: String = "install.sh") throws -> VeilProcess.IsolatedRun {
        try VeilProcess.runIsolated("/bin/bash", [VeilProcess.repositoryRoot.appendingPathComponent("scripts/\(script)").path],
                environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DESTDIR": root.path, "PREFIX": prefix,
                              "VEIL_INSTALL_BINARY": VeilProcess.executable.path])
    }

    /// Every path under `root` (relative, directories with a trailing slash) with its mode.
    static func tree(_ root: URL) throws -> [String: Int] {
        var entries: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(relative).path)
            let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
            entries[relative + (isDirectory ? "/" : ""), default: 0] = (attributes[.posixPermissions] as? Int) ?? -1
        }
        return entries
    }

    @Test func installsTheExpectedTreeWithItsModesAndUninstallsKeepingTheData() throws {
        let root = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Self.install(into: root)
        #expect(first.status == 0, "\(first.output)")

        let models = try FileManager.default.contentsOfDirectory(atPath: VeilProcess.repositoryRoot.appendingPathComponent("models").path)
        // The runtime's libraries and VERSION, not its C headers (include/).
        let runtime = try FileManager.default.contentsOfDirectory(atPath: Self.openVINO).filter { $0 != "include" }
        var expected: [String: Int] = [
            "usr/": 0o755, "usr/local/": 0o755, "usr/local/bin/": 0o755, "usr/local/bin/veil": 0o755,
            "usr/local/share/": 0o755, "usr/local/share/veil/": 0o755, "usr/local/share/veil/models/": 0o755,
            "usr/local/lib/": 0o755, "usr/local/lib/veil/": 0o755, "usr/local/lib/veil/openvino/": 0o755,
            "usr/local/lib/systemd/": 0o755, "usr/local/lib/systemd/system/": 0o755,
            "usr/local/lib/systemd/system/veil.service": 0o644, "usr/local/lib/systemd/system/veil-sweep.service": 0o644,
            "usr/local/lib/systemd/system/veil-sweep.timer": 0o644,
            "etc/": 0o755, "etc/veil/": 0o755, "etc/veil/veil.yaml": 0o640,
            "var/": 0o755, "var/lib/": 0o755, "var/lib/veil/": 0o750,
        ]
        for file in models { expected["usr/local/share/veil/models/\(file)"] = 0o644 }
        // The console's pages and scripts, beside the binary, the only place it reads them.
        let console = try FileManager.default.contentsOfDirectory(
            atPath: VeilProcess.repositoryRoot.appendingPathComponent("Sources/VeilWeb/Resources").path)
        expected["usr/local/bin/Veil_VeilWeb.resources/"] = 0o755
        for file in console { expected["usr/local/bin/Veil_VeilWeb.resources/\(file)"] = 0o644 }
        var tree = try Self.tree(root)
        // The runtime is copied as setup.sh installed it (symlinks and modes kept): names checked, modes not.
        for file in runtime {
            #expect(tree.removeValue(forKey: "usr/local/lib/veil/openvino/\(file)") != nil, "runtime file \(file) not installed")
        }
        #expect(tree == expected)
        let units = root.appendingPathComponent("usr/local/lib/systemd/system")
        let service = try String(contentsOf: units.appendingPathComponent("veil.service"), encoding: .utf8)
        #expect(service.contains("ExecStart=/usr/local/bin/veil record --config /etc/veil/veil.yaml"))
        #expect(!service.contains("@PREFIX@"))

        // A second install (an upgrade) keeps the administrator's configuration.
        let config = root.appendingPathComponent("etc/veil/veil.yaml")
        try "dataDirectory: /var/lib/veil\n# edited by the administrator\n".write(to: config, atomically: true, encoding: .utf8)
        let second = try Self.install(into: root)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("kept the existing /etc/veil/veil.yaml"))
        #expect(try String(contentsOf: config, encoding: .utf8).contains("edited by the administrator"))

        let removed = try Self.install(into: root, script: "uninstall.sh")
        #expect(removed.status == 0, "\(removed.output)")
        let left = try Self.tree(root)
        #expect(left["etc/veil/veil.yaml"] != nil && left["var/lib/veil/"] == 0o750)
        #expect(left.keys.allSatisfy { !$0.hasPrefix("usr/local/bin/veil") && !$0.hasPrefix("usr/local/bin/Veil_VeilWeb")
                && !$0.hasPrefix("usr/local/share/veil")
                && !$0.hasPrefix("usr/local/lib/veil") && !$0.hasPrefix("usr/local/lib/systemd/system/veil") },
                "left behind: \(left.keys.sorted())")
    }

    /// No environment, another working directory: the installed binary finds the models and
    /// the runtime it was installed with, and redacts the sample on OpenVINO.
    @Test func theInstalledBinaryRedactsFromAnywhereWithoutEnvironment() throws {
        let root = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.install(into: root).status == 0)
        let elsewhere = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try VeilProcess.ffmpeg(["-i", TestSupport.sample, "-t", "1", "-c", "copy", elsewhere.appendingPathComponent("clip.mp4").path])
        let redacted = try VeilProcess.runIsolated(root.appendingPathComponent("usr/local/bin/veil").path,
                                    ["redact", "clip.mp4", "-o", "out.mp4", "--inference", "openvino"],
                                    environment: ["PATH": "/usr/bin:/bin"], in: elsewhere)
        #expect(redacted.status == 0, "\(redacted.output)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("out.mp4").path))
        // The models it used are the installed ones, not the repository's (the clip is outside it).
        let missingModels = try VeilProcess.runIsolated(root.appendingPathComponent("usr/local/bin/veil").path,
                                         ["redact", "clip.mp4", "-o", "again.mp4"],
                                         environment: ["PATH": "/usr/bin:/bin", "VEIL_MODELS_DIR": elsewhere.path], in: elsewhere)
        #expect(missingModels.status != 0 && missingModels.output.contains(elsewhere.path))
    }

    /// systemd's own checks on the installed units: `verify` loads them without complaint and
    /// `security` rates the recorder's sandbox OK or better.
    @Test func systemdAcceptsTheUnitsAndRatesTheServiceOK() throws {
        let root = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.install(into: root).status == 0)
        let units = root.appendingPathComponent("usr/local/lib/systemd/system")
        // The staging root needs the targets the units name (sysinit.target, …): the host's.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lib/systemd"), withIntermediateDirectories: true)
        try TestSupport.run("/bin/cp", ["-a", "/lib/systemd/system", root.appendingPathComponent("lib/systemd/").path])
        let environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "SYSTEMD_LOG_LEVEL": "notice"]
        let verified = try VeilProcess.runIsolated("/usr/bin/systemd-analyze",
                                    ["verify", "--man=no", "--root=\(root.path)"]
                                        + ["veil.service", "veil-sweep.service", "veil-sweep.timer"].map { units.appendingPathComponent($0).path },
                                    environment: environment)
        #expect(verified.status == 0 && verified.output.isEmpty, "systemd-analyze verify: \(verified.output)")
        let security = try VeilProcess.runIsolated("/usr/bin/systemd-analyze",
                                    ["security", "--offline=true", "--root=\(root.path)", units.appendingPathComponent("veil.service").path],
                                    environment: environment)
        let verdict = security.output.split(separator: "\n").last { $0.contains("Overall exposure level") }.map(String.init) ?? ""
        print("systemd-analyze security veil.service: \(verdict)")
        // systemd's levels, worst to best: DANGEROUS, UNSAFE, EXPOSED, MEDIUM, OK, SAFE, PERFECT.
        let level = ["DANGEROUS", "UNSAFE", "EXPOSED", "MEDIUM", "OK", "SAFE", "PERFECT"].first { verdict.contains(" \($0)") }
        #expect(level.map { ["OK", "SAFE", "PERFECT"].contains($0) } == true, "exposure must be OK or better: \(security.output.suffix(3000))")
    }
}
