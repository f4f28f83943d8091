import Foundation
import Testing
import VeilTestSupport

/// `veil redact` on bad input: one clear error line, a non-zero exit, no partial output, no crash.
@Suite struct RedactCommandTests {
    static let sample = VeilProcess.repositoryRoot.appendingPathComponent("samples/library-walk-720p.mp4").path

    /// Runs `veil redact` into a fresh folder and returns the outcome and what the folder holds afterwards.
    func redact(_ input: String, outputName: String = "out.mp4", in directory: URL,
                extra: [String] = []) throws -> (VeilProcess.Outcome, [String]) {
        let outcome = try VeilProcess.run(["redact", input, "-o", directory.appendingPathComponent(outputName).path,
                                           "--preset", "ultrafast"] + extra)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix("input") }
        return (outcome, left)
    }

    func expectCleanFailure(_ outcome: VeilProcess.Outcome, mentioning words: [String], left: [String]) {
        #expect(outcome.status != 0)
        #expect(!outcome.standardError.contains("Fatal error") && outcome.status < 128, "crashed: \(outcome.standardError)")
        let errorLines = outcome.standardError.split(separator: "\n").filter { $0.lowercased().contains("error:") }
        #expect(errorLines.count == 1, "one error line expected: \(outcome.standardError)")
        for word in words {
            #expect(outcome.standardError.contains(word), "'\(word)' missing from: \(outcome.standardError)")
        }
        #expect(left.isEmpty, "partial output left behind: \(left)")
    }

    @Test func missingInput() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outcome, left) = try redact("/nonexistent/camera.mp4", in: directory)
        expectCleanFailure(outcome, mentioning: ["/nonexistent/camera.mp4", "does not exist"], left: left)
    }

    @Test func textFileNamedMP4() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input-notes.mp4").path
        try Data(String(repeating: "minutes of the library board meeting\n", count: 50).utf8).write(to: URL(fileURLWithPath: input))
        let (outcome, left) = try redact(input, in: directory)
        expectCleanFailure(outcome, mentioning: [input], left: left)
    }

    @Test func truncatedMP4WithIndexAtTheFront() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let input = directory.appendingPathComponent("input-cut.mp4").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: input))
        let (outcome, left) = try redact(input, in: directory)
        expectCleanFailure(outcome, mentioning: [input, "truncated"], left: left)
    }

    @Test func truncatedMP4WithIndexAtTheEnd() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("input-whole.mp4").path
        try VeilProcess.ffmpeg(["-i", Self.sample, "-t", "4", "-c", "copy", whole])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let input = directory.appendingPathComponent("input-cut.mp4").path
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: input))
        let (outcome, left) = try redact(input, in: directory)
        expectCleanFailure(outcome, mentioning: [input], left: left)
    }

    @Test func requiredVAAPIWithoutAGPU() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = "/nonexistent/dri/renderD128"
        let (outcome, left) = try redact(Self.sample, in: directory, extra: ["--hwaccel", "vaapi", "--hwaccel-device", device])
        expectCleanFailure(outcome, mentioning: [device, "VAAPI"], left: left)
    }

    @Test func outputFolderMissing() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outcome, left) = try redact(Self.sample, outputName: "no-such-folder/out.mp4", in: directory)
        expectCleanFailure(outcome, mentioning: ["no-such-folder", "does not exist"], left: left)
    }

    @Test func outputUnderAFile() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("input-plain.txt"))
        let (outcome, left) = try redact(Self.sample, outputName: "input-plain.txt/out.mp4", in: directory)
        expectCleanFailure(outcome, mentioning: ["input-plain.txt"], left: left)
    }

    @Test func existingOutputNeedsForce() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let existing = directory.appendingPathComponent("out.mp4")
        try Data("keep me".utf8).write(to: existing)
        let outcome = try VeilProcess.run(["redact", Self.sample, "-o", existing.path])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("--force"))
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
    }

    @Test(arguments: ["altered", "missing"])
    func brokenModelFile(_ damage: String) throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = directory.appendingPathComponent("input-models")
        try FileManager.default.copyItem(at: VeilProcess.repositoryRoot.appendingPathComponent("models"), to: models)
        let onnx = try #require(try FileManager.default.contentsOfDirectory(atPath: models.path).first { $0.hasSuffix(".onnx") })
        let model = models.appendingPathComponent(onnx)
        if damage == "altered" {
            var bytes = try Data(contentsOf: model)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: model)
        } else {
            try FileManager.default.removeItem(at: model)
        }
        let (outcome, left) = try redact(Self.sample, in: directory, extra: ["--models", models.path])
        expectCleanFailure(outcome, mentioning: [onnx], left: left)
    }

    @Test func malformedZoneIsNamed() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outcome, left) = try redact(Self.sample, in: directory, extra: ["--zone", "10,10 50,oops 10,90"])
        expectCleanFailure(outcome, mentioning: ["--zone", "50,oops"], left: left)
    }
}
