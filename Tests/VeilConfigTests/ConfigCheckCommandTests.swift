import Foundation
import Testing
import VeilTestSupport

/// `veil config check` as a user runs it: the built binary, its output and exit status.
/// (It lives here rather than in VeilCLITests so the configuration work stays in one place.)
@Suite("veil config check")
struct ConfigCheckCommandTests {
    /// Runs the `veil` built beside this test bundle, from the repository root.
    func veil(_ arguments: [String]) throws -> VeilProcess.Outcome { try VeilProcess.run(arguments) }

    @Test func theSamplePasses() throws {
        let outcome = try veil(["config", "check", "veil.example.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "veil.example.yaml: OK — 2 cameras (entrance, library-walk)\n")
    }

    @Test func everyProblemIsPrintedAndTheExitIsNonZero() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("veil-config-\(UUID()).yaml")
        try Data("""
            retention: {raw: -1h}
            cameras:
              - name: door
                url: rtsp://admin:hunter2@192.0.2.1/live
                credentials: {username: admin, password: hunter2}
              - name: door
                url: htp://x
            """.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try veil(["config", "check", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(file.path): 4 problems:")
        #expect(lines.dropFirst().map { $0.split(separator: ":").first.map(String.init) ?? "" }
                == ["  retention.raw", "  cameras[0].url", "  cameras[1].name", "  cameras[1].url"])
        #expect(!outcome.standardError.contains("hunter2"))
    }

    /// A cluster node whose database cannot be reached does not start, says which database
    /// in one line, and writes nothing (not even its data directory).
    @Test func aClusterNodeWithoutItsDatabaseStopsAtOnceAndWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veil-cluster-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("secret\n".utf8).write(to: folder.appendingPathComponent("password"))
        let file = folder.appendingPathComponent("veil.yaml")
        let port = try TestSupport.freeLoopbackPort()
        try Data("""
            dataDirectory: \(folder.path)/data
            cluster:
              database: {host: 127.0.0.1, port: \(port), name: veil, user: veil, passwordFile: password}
              node: {name: branch-1, advertise: "https://127.0.0.1:8443"}
            web: {listen: "127.0.0.1:0", tls: {selfSigned: true}}
            cameras:
              - name: sample
                url: \(FileManager.default.currentDirectoryPath)/samples/library-walk-720p.mp4
            """.utf8).write(to: file)
        #expect(try veil(["config", "check", file.path]).status == 0)
        let record = try veil(["record", "--config", file.path, "--for", "1"])
        #expect(record.status == 1)
        let lines = record.standardError.split(separator: "\n").filter { $0.hasPrefix("veil: error:") }
        #expect(lines.count == 1 && lines[0].contains("postgresql://veil@127.0.0.1:\(port)/veil"), "\(record.standardError)")
        #expect(!record.standardError.contains("secret"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/data"))
    }
}
