import Foundation
import Testing
@testable import VeilRecorder
import VeilVault
import VeilArchive
@testable import VeilExport

/// The signed export manifest of the sealed-format v1 golden files (`Tests/Fixtures/golden-v1/`,
/// see its README): it verifies, and signing it again with the same export key gives the same
/// signature bytes (Ed25519 is deterministic), whatever implements the primitives.
@Suite struct GoldenManifestTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden-v1").path
    static let clip = golden + "/export/clip.mp4"
    /// The export key's public half, as `GoldenFileTests.Expected.exportPublicKey` in VeilVaultTests.
    static let exportPublicKey = "18c7ec865fc4ad52864a3e8ef32da87d4b91228315b4b3a284259a9c74371aac"
    static let clipSHA256 = "594f8d564e7bc43bae74e36f0f45d9bea540cd492a093fcd439bb93e39505144"

    @Test func manifestVerifiesAndSignsToTheSameBytes() throws {
        let key = try #require(Ed25519PublicKey(hex: Self.exportPublicKey))
        let report = try ClipVerifier(publicKey: key).verify(clip: Self.clip)
        #expect(report.manifest.camera == "cam1" && report.manifest.output.sha256 == Self.clipSHA256)
        #expect(try sha256OfFile(Self.clip) == Self.clipSHA256)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("veil-golden-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Self.golden + "/data", toPath: directory)
        let resigned = try report.manifest.signed(with: ExportKeyStore(dataDirectory: directory))
        #expect(resigned.signature == report.manifest.signature)
    }
}

/// Writes the golden export (after `GoldenFileWriter` in VeilVaultTests wrote the export key):
///
///     VEIL_WRITE_GOLDEN=/tmp/golden swift test --skip-build --filter GoldenManifestWriter
@Suite struct GoldenManifestWriter {
    static let output = ProcessInfo.processInfo.environment["VEIL_WRITE_GOLDEN"]

    @Test(.enabled(if: output != nil)) func write() throws {
        let root = try #require(Self.output)
        let keys = ExportKeyStore(dataDirectory: root + "/data")
        try #require(try keys.existingPublicKey() != nil, "run GoldenFileWriter first: it writes the export key")
        try FileManager.default.createDirectory(atPath: root + "/export", withIntermediateDirectories: true)
        let clip = Array("not a real clip: golden export v1\n".utf8) + (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        let clipPath = root + "/export/clip.mp4"
        try Data(clip).write(to: URL(fileURLWithPath: clipPath))
        let sha256 = try sha256OfFile(clipPath)
        let manifest = ExportManifest(
            formatVersion: 1, camera: "cam1",
            requested: .init(from: "2027-01-15T08:20:00.000Z", to: "2027-01-15T08:20:10.000Z"),
            actual: .init(from: "2027-01-15T08:20:00.000Z", to: "2027-01-15T08:20:10.000Z"),
            gaps: [.init(start: "2027-01-15T08:20:04.000Z", end: "2027-01-15T08:20:05.000Z", reason: "camera disconnected")],
            segments: [.init(path: "redacted/cam1/2027-01-15/082000.mp4", start: "2027-01-15T08:20:00.000Z",
                             end: "2027-01-15T08:20:10.000Z", sha256: sha256, pairedRawSHA256: sha256)],
            output: .init(file: "clip.mp4", sha256: sha256, bytes: Int64(clip.count), frames: 5, reencodedFrames: nil),
            exact: nil, tool: ExportManifest.toolVersion, createdAt: "2027-01-15T09:00:00.000Z", signature: nil)
        let signed = try manifest.signed(with: keys)
        try signed.encoded().write(to: URL(fileURLWithPath: ClipExporter.manifestPath(for: clipPath)))
        try Data("clip sha256: \(sha256)\n".utf8).write(to: URL(fileURLWithPath: root + "/export/values.txt"))
    }
}
