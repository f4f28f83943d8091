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
}
