import Foundation
import Testing
import VeilCore
import VeilTestSupport
import VeilMedia

/// `Decoder(exportMotionVectors:)` and `Frame.motionField`: the H.264 encoder's own vectors of a
/// clip whose motion is known, as a field of 16 × 16 blocks.
@Suite struct MotionFieldTests {
    /// A 96 × 96 piece of a photograph (the fixture messi5.jpg) over a plain grey 320 × 240
    /// picture, moving 4 px right and 2 px down per frame from (40, 60); x264 at veryfast, no
    /// B-frames, one GOP: as a camera encodes.
    static func movingBoxClip(in directory: URL, bFrames: Int = 0) throws -> String {
        let clip = directory.appendingPathComponent("moving-box-\(bFrames).mp4").path
        let photo = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/messi5.jpg").path
        _ = try TestSupport.run("/usr/bin/ffmpeg", [
            "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=320x240:r=25:d=2", "-loop", "1", "-i", photo,
            "-filter_complex", "[1]crop=96:96:200:100,fps=25[box];[0][box]overlay=x='40+4*n':y='60+2*n'",
            "-frames:v", "30", "-c:v", "libx264", "-preset", "veryfast", "-bf", "\(bFrames)", "-g", "50",
            "-pix_fmt", "yuv420p", clip,
        ])
        return clip
    }

    static func box(at frame: Int) -> Rect { Rect(x: 40 + 4 * Double(frame), y: 60 + 2 * Double(frame), width: 96, height: 96) }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    @Test func theVectorsOfAMovingBoxSayHowItMoved() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var fields: [MotionField?] = []
        try Demuxer(url: try Self.movingBoxClip(in: directory)).forEachVideoFrame(exportMotionVectors: true) {
            fields.append($0.motionField)
        }
        #expect(fields.count == 30)
        // The first picture is intra-coded: it has no motion, which is not the same as none.
        #expect(fields.first.map { $0 == nil } == true)
        for (frame, field) in fields.enumerated().dropFirst() {
            guard let field else {
                Issue.record("frame \(frame) has no motion field")
                continue
            }
            #expect(field.blockSize == 16 && field.columns == 20 && field.rows == 15)
            // Inside the box (its edge blocks mix in the background): the box's own motion.
            let inside = field.displacements(inside: Self.box(at: frame).insetBy(8)).vectors
            #expect(inside.count >= 16, "frame \(frame)")
            guard !inside.isEmpty else { continue }
            let dx = Self.median(inside.map(\.x)), dy = Self.median(inside.map(\.y))
            #expect(abs(dx - 4) <= 0.5 && abs(dy - 2) <= 0.5, "frame \(frame): median (\(dx), \(dy)), expected (4, 2)")
            // Far from the box the grey background stands still.
            let far = field.displacements(inside: Rect(x: 240, y: 0, width: 80, height: 64)).vectors
            #expect(!far.isEmpty && far.allSatisfy { abs($0.x) < 0.5 && abs($0.y) < 0.5 }, "frame \(frame)")
        }
    }

    @Test func withoutTheOptionFramesCarryNoMotion() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var fields = 0, frames = 0
        try Demuxer(url: try Self.movingBoxClip(in: directory)).forEachVideoFrame {
            frames += 1
            if $0.motionField != nil { fields += 1 }
        }
        #expect(frames == 30 && fields == 0)
    }

    @Test func aCodecWithoutVectorsGivesNoField() throws {
        // FFmpeg 5.1's HEVC decoder exports no motion vectors: the tracker must predict as before.
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clip = directory.appendingPathComponent("moving-box.mkv").path
        _ = try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-i", try Self.movingBoxClip(in: directory),
                                                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", clip])
        var frames = 0, fields = 0
        try Demuxer(url: clip).forEachVideoFrame(exportMotionVectors: true) {
            frames += 1
            if $0.motionField != nil { fields += 1 }
        }
        #expect(frames == 30 && fields == 0)
    }
}

extension MotionFieldTests {
    @Test func aStreamWithBFramesGivesNoField() throws {
        // Reordered pictures' vectors span several frames or point ahead: not one frame's motion.
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var frames = 0, fields = 0
        try Demuxer(url: try Self.movingBoxClip(in: directory, bFrames: 2)).forEachVideoFrame(exportMotionVectors: true) {
            frames += 1
            if $0.motionField != nil { fields += 1 }
        }
        #expect(frames == 30 && fields == 0)
    }
}

private extension Rect {
    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
