import Foundation
import Testing
import VeilTestSupport

/// `veil redact` when OpenVINO is missing or broken: an explicit `--inference openvino` is one
/// clear error naming where it looked; `auto` warns once and redacts on OpenCV DNN.
@Suite struct InferenceBackendCLITests {
    static let sample = RedactCommandTests.sample

    func redact(_ extra: [String], openVINODirectory: URL, into directory: URL) throws -> VeilProcess.Outcome {
        let clip = directory.appendingPathComponent("input-short.mp4").path
        if !FileManager.default.fileExists(atPath: clip) {
            try VeilProcess.ffmpeg(["-i", Self.sample, "-frames:v", "10", "-c", "copy", clip])
        }
        return try VeilProcess.run(["redact", clip, "-o", directory.appendingPathComponent("out.mp4").path,
                                    "--preset", "ultrafast", "--force"] + extra,
                                   environment: ["VEIL_OPENVINO_DIR": openVINODirectory.path])
    }

    @Test func explicitOpenVINOWithoutItsLibrariesIsOneClearError() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try redact(["--inference", "openvino"], openVINODirectory: directory, into: directory)
        #expect(outcome.status == 1 || outcome.status == 64, "\(outcome.standardError)")
        let errors = outcome.standardError.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.contains(directory.path) && outcome.standardError.contains("scripts/setup.sh"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.mp4").path))
    }

    @Test func aLibraryThatDoesNotLoadIsNamedWithTheLoadersMessage() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not an ELF file".utf8).write(to: directory.appendingPathComponent("libopenvino_c.so"))
        let outcome = try redact(["--inference", "openvino"], openVINODirectory: directory, into: directory)
        #expect(outcome.status != 0 && outcome.status < 128, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("cannot load \(directory.path)/libopenvino_c.so"), "\(outcome.standardError)")
    }

    @Test func autoFallsBackToOpenCVWithOneWarning() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try redact([], openVINODirectory: directory, into: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let warnings = outcome.standardError.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(outcome.standardError)")
        #expect(warnings.first?.contains("OpenCV DNN") == true && warnings.first?.contains("scripts/setup.sh") == true)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.mp4").path))
    }

    /// A sandbox that forbids memory both written and executed (systemd's
    /// MemoryDenyWriteExecute; here the kernel's PR_SET_MDWE, inherited by `veil`): OpenVINO's
    /// CPU plugin cannot compile, and the user gets one error saying why and what to do, not
    /// "restore the models". This is why veil.service leaves MemoryDenyWriteExecute off.
    @Test func aSandboxWithoutExecutableMemoryIsOneClearError() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clip = directory.appendingPathComponent("input-short.mp4").path
        try VeilProcess.ffmpeg(["-i", Self.sample, "-frames:v", "10", "-c", "copy", clip])
        let forbidExecutableMemory = """
            import ctypes, os, sys
            if ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0: sys.exit("PR_SET_MDWE unsupported")
            os.execv(sys.argv[1], sys.argv[1:])
            """
        let output = directory.appendingPathComponent("out.mp4").path
        let result = try VeilProcess.runIsolated("/usr/bin/python3", ["-c", forbidExecutableMemory, VeilProcess.executable.path,
                                                               "redact", clip, "-o", output, "--inference", "openvino"],
                                          environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status != 0)
        #expect(result.output.contains("MemoryDenyWriteExecute") && !result.output.contains("Restore the models"), "\(result.output)")
        #expect(result.output.split(separator: "\n").filter { $0.contains("error:") }.count == 1, "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
