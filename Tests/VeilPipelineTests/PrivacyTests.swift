import Foundation
import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision

/// The privacy promises, checked on real footage with the real detectors: nothing a detector
/// found in the input can be found again in the output, and a broken detector hides everything.
@Suite(.serialized) struct PrivacyTests {
    static let manifest = Result { try ModelManifest.locate(explicitDirectory: MediaFixtures.repositoryRoot.appendingPathComponent("models").path) }

    /// A detector that always fails, as a crashed or corrupted model would.
    final class BrokenDetector: ObjectDetector {
        struct Failure: Error {}
        let kind: DetectionKind
        init(kind: DetectionKind) { self.kind = kind }
        func detect(in image: YUV420Image) throws -> [Detection] { throw Failure() }
    }

    /// A 3 s clip of a real face moving across a grey 720p background.
    static func movingFaceClip(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("moving-face.mp4").path
        try MediaFixtures.ffmpeg(["-f", "lavfi", "-i", "color=gray:s=1280x720:r=25:d=3", "-loop", "1", "-i", MediaFixtures.astronaut,
                                  "-filter_complex", "[1]scale=400:400[face];[0][face]overlay=x='100+t*200':y=150:shortest=1",
                                  "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", path])
        return path
    }

    /// Runs `input` and `output` in lockstep: collects the input's detections (default
    /// thresholds) and every face a low-threshold detector finds in the output inside them.
    static func facesFoundInsideInputDetections(input: String, output: String, everyNth: Int)
        throws -> (inputFaces: Int, inputPersons: Int, leaks: [String]) {
        let manifest = try manifest.get()
        let faces = try FaceDetector(manifest: manifest)
        let persons = try PersonDetector(manifest: manifest)
        let lowThresholdFaces = try FaceDetector(manifest: manifest, options: .init(scoreThreshold: 0.3))
        var regions: [Double: [Detection]] = [:]
        var index = 0
        try MediaFixtures.forEachFrame(of: input) { pts, image in
            defer { index += 1 }
            guard index % everyNth == 0 else { return }
            regions[pts] = try faces.detect(in: image) + persons.detect(in: image)
        }
        var leaks: [String] = []
        try MediaFixtures.forEachFrame(of: output) { pts, image in
            guard let covered = regions[pts] else { return }
            for face in try lowThresholdFaces.detect(in: image)
            where covered.contains(where: { $0.box.dilated(by: 0.1).intersection(face.box).area > 0.5 * face.box.area }) {
                leaks.append("t=\(pts)s face \(face.box) score \(face.score)")
            }
        }
        let all = regions.values.joined()
        return (all.filter { $0.kind == .face }.count, all.filter { $0.kind == .person }.count, leaks)
    }

    @Test func noFaceSurvivesInAMovingCloseUp() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.movingFaceClip(in: directory)
        let output = directory.appendingPathComponent("redacted.mp4").path
        let manifest = try Self.manifest.get()
        _ = try OfflineRedactor.run(input: input, output: output, options: RedactionOptions(),
                                    detectors: [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)])

        let result = try Self.facesFoundInsideInputDetections(input: input, output: output, everyNth: 1)
        #expect(result.inputFaces >= 60, "the clip must show a detectable face in most of its 75 frames")
        #expect(result.leaks.isEmpty, "faces found in the redacted output: \(result.leaks.prefix(5))")
    }

    @Test func noFaceSurvivesInTheSample() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("redacted.mp4").path
        var options = RedactionOptions()
        options.encoder.preset = "ultrafast"
        let manifest = try Self.manifest.get()
        _ = try OfflineRedactor.run(input: MediaFixtures.sample, output: output, options: options,
                                    detectors: [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)])

        let result = try Self.facesFoundInsideInputDetections(input: MediaFixtures.sample, output: output, everyNth: 5)
        #expect(result.inputPersons >= 75 * 3)
        #expect(result.leaks.isEmpty, "faces found in the redacted output: \(result.leaks.prefix(5))")
    }

    @Test func brokenDetectorMasksEveryFrame() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("masked.mp4").path
        var options = RedactionOptions()
        options.style = .solid(luma: 16)
        options.encoder.preset = "ultrafast"
        let summary = try OfflineRedactor.run(
            input: MediaFixtures.sample, output: output, options: options,
            detectors: [BrokenDetector(kind: .face), try PersonDetector(manifest: try Self.manifest.get())])

        #expect(summary.statistics.frames == 375)
        #expect(summary.statistics.fullyMaskedFrames == 375)
        #expect(summary.detectorError != nil)
        var frames = 0
        try MediaFixtures.forEachFrame(of: output) { _, image in
            frames += 1
            var brightest: UInt8 = 0
            for row in 0..<image.height {
                for column in stride(from: 0, to: image.width, by: 7) {
                    brightest = max(brightest, image.y.base[row * image.y.stride + column])
                }
            }
            #expect(brightest <= 24, "frame \(frames) shows picture content (luma up to \(brightest))")
        }
        #expect(frames == 375)
    }
}
