import Foundation
import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision

/// Reusing detections on an unchanged picture, with the real detectors on real footage.
@Suite(.serialized) struct StillSceneRedactionTests {
    static let manifest = Result { try ModelManifest.locate(explicitDirectory: MediaFixtures.repositoryRoot.appendingPathComponent("models").path) }

    /// Runs a FrameRedactor over the first `frames` frames of `path`; returns its statistics and
    /// how well the plan of every `refereeEvery`th frame (most of them between detector runs)
    /// covered the people a separate person detector finds on it.
    func redact(_ path: String, frames: Int, refereeEvery: Int = 4) throws
        -> (statistics: RedactionStatistics, worstCoverage: Double) {
        let manifest = try Self.manifest.get()
        let redactor = FrameRedactor(detectors: [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)],
                                     options: RedactionOptions())
        let referee = try PersonDetector(manifest: manifest)
        var seen = 0
        var worst = 1.0
        try MediaFixtures.forEachFrame(of: path) { _, image in
            guard seen < frames else { return }
            seen += 1
            let people = seen % refereeEvery == 0 ? try referee.detect(in: image) : []
            // Decoded pictures may be references of later ones: redact a copy.
            let plan = try Self.copy(of: image).withPlanes { try redactor.redact(planes: $0) }
            guard case .regions(let masks, _) = plan else { return }
            for person in people where person.score >= 0.5 {
                let covered = masks.map { $0.intersection(person.box).area }.max() ?? 0
                worst = min(worst, covered / person.box.area)
            }
        }
        return (redactor.statistics, worst)
    }

    static func copy(of image: YUV420Image) -> YUV420Buffer {
        var bytes: [UInt8] = []
        for plane in [image.y, image.u, image.v] {
            for row in 0..<plane.height {
                bytes += UnsafeBufferPointer(start: plane.base + row * plane.stride, count: plane.width)
            }
        }
        return YUV420Buffer(width: image.width, height: image.height, bytes: bytes)
    }

    @Test func aStillNoisyRoomReusesDetectionsAndStaysCovered() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let still = directory.appendingPathComponent("still.mp4").path
        // One frame of the sample (people standing) held for 3 s, with camera noise.
        try MediaFixtures.ffmpeg(["-ss", "4", "-i", MediaFixtures.sample, "-frames:v", "1", "-f", "image2pipe",
                                  "-c:v", "png", directory.appendingPathComponent("frame.png").path])
        try MediaFixtures.ffmpeg(["-loop", "1", "-i", directory.appendingPathComponent("frame.png").path,
                                  "-vf", "noise=alls=6:allf=t,format=yuv420p", "-t", "3", "-r", "25",
                                  "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-bf", "0", still])

        let (statistics, coverage) = try redact(still, frames: 75)

        #expect(statistics.reusedRuns[.person, default: 0] >= 10, "\(statistics)")
        #expect(statistics.detectorRuns[.person, default: 0] <= 3, "one real run every 50 frames: \(statistics)")
        #expect(statistics.fullyMaskedFrames == 0)
        #expect(coverage >= 0.9, "every person found on any frame is under a mask")
    }

    @Test func walkingPeopleMakeEveryDueRunReal() throws {
        let (statistics, _) = try redact(MediaFixtures.sample, frames: 50, refereeEvery: 1000)
        #expect(statistics.reusedRuns.isEmpty, "\(statistics)")
        // At least every 5th frame, more where motion brought a run forward (each restarts the cadence).
        #expect(statistics.detectorRuns[.person, default: 0] >= 10, "\(statistics)")
    }
}
