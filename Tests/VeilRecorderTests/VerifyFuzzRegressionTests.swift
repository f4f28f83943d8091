import Foundation
import Testing
import VeilRecorder
import VeilVault
import VeilExport

/// Inputs that once failed Fuzz/ExportVerifyFuzzer (kept in Tests/Fixtures/fuzz/ExportVerifyFuzzer/).
@Suite struct VerifyFuzzRegressionTests {
    /// The input `\0`: an empty manifest beside an empty clip. Reading the empty manifest
    /// leaked 4 KiB inside Foundation (LeakSanitizer); it is now read another way, and the
    /// answer is the same precise refusal.
    @Test func anEmptyManifestIsNotAJSONObject() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let input = try Data(contentsOf: root.appendingPathComponent("Fixtures/fuzz/ExportVerifyFuzzer/leak-empty-manifest"))
        #expect(input == Data([0]), "flag byte only: manifest, clip and PEM all empty")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("veil-verify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clip = directory + "/clip.mp4"
        #expect(FileManager.default.createFile(atPath: clip, contents: Data()))
        #expect(FileManager.default.createFile(atPath: clip + ".manifest.json", contents: Data()))

        let key = try #require(Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 7, count: 32)))
        let error = #expect(throws: ExportError.manifestUnreadable) { try ClipVerifier(publicKey: key).verify(clip: clip) }
        #expect(error?.description == "\(clip).manifest.json is not a JSON object: the manifest is damaged; use an intact copy.")
        #expect(throws: ExportError.manifestUnreadable) { try ClipVerifier(publicKey: key).verify(clip: directory + "/missing.mp4") }
    }
}
