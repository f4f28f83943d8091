import Testing
import VeilCore
import VeilVision
import VeilTestSupport

/// The reduced copy of a frame that every detector of it takes its input from (issue 22, lever 5).
@Suite
struct DetectionFrameTests {
    /// At 1080p YOLOv3-tiny (704×384), the close-range SSDLite (300×300) and YuNet (640×352)
    /// all fit in the frame halved once: one halving is made and every network is fed from it,
    /// and the people are still found.
    @Test func oneHalvingFeedsEveryDetectorOfA1080pFrame() throws {
        let manifest = try Fixtures.manifest()
        let person = try PersonDetector(manifest: manifest)
        let face = try FaceDetector(manifest: manifest)
        let image = try Fixtures.frame(Fixtures.vtest(frame: 200), scaledTo: (1920, 1080))
        let (halvings, people) = try image.withPlanes { planes in
            let frame = DetectionFrame(planes)
            let people = try person.detect(in: frame)
            _ = try face.detect(in: frame)
            return (frame.halvingsMade, people)
        }
        #expect(halvings == 1, "each detector made its own copy, or none was shared")
        #expect(people.filter { $0.score >= 0.3 }.count >= 6, "\(people.count) people at 1080p")
        #expect(people.allSatisfy { $0.box.maxX > 300 && $0.box.maxY > 300 }, "boxes are in frame pixels, not the halving's")
    }

    /// A detector run on the frame itself and through a shared frame finds the same.
    @Test func sharedAndOwnFrameFindTheSame() throws {
        let person = try PersonDetector(manifest: try Fixtures.manifest())
        let image = try Fixtures.frame(Fixtures.vtest(frame: 100), scaledTo: (1920, 1080))
        let (own, shared) = try image.withPlanes { (try person.detect(in: $0), try person.detect(in: DetectionFrame($0))) }
        #expect(own == shared)
    }

    /// The source is the smallest halving still at least the network's input; the frame itself
    /// when even one halving is smaller (720p for a 704-wide input).
    @Test(arguments: [(1920, 1080, 704, 384, 960, 540), (1920, 1080, 300, 300, 960, 540), (1920, 1080, 100, 100, 240, 135),
                      (1280, 720, 704, 384, 1280, 720), (1280, 720, 300, 300, 640, 360), (768, 576, 704, 384, 768, 576)])
    func sourceIsTheSmallestHalvingThatFits(frameWidth: Int, frameHeight: Int, width: Int, height: Int,
                                            expectedWidth: Int, expectedHeight: Int) throws {
        let buffer = YUV420Buffer(width: frameWidth, height: frameHeight,
                                  bytes: [UInt8](repeating: 128, count: frameWidth * frameHeight * 3 / 2))
        let size = try buffer.withPlanes { planes in
            try DetectionFrame(planes).withSource(atLeast: width, height) { [$0.width, $0.height, $0.u.width, $0.u.height] }
        }
        #expect(size == [expectedWidth, expectedHeight, (expectedWidth + 1) / 2, (expectedHeight + 1) / 2])
    }

    /// A halving of even sizes is the rounded mean of each 2×2 block, in every plane.
    @Test func aHalvingAveragesTwoByTwoBlocks() throws {
        let width = 64, height = 32, chroma = (width / 2) * (height / 2)
        var bytes = [UInt8](repeating: 0, count: width * height + 2 * chroma)
        for index in bytes.indices { bytes[index] = UInt8((index * 37 + index / 7) % 251) }
        let buffer = YUV420Buffer(width: width, height: height, bytes: bytes)
        let halves = try buffer.withPlanes { planes in
            try DetectionFrame(planes).withSource(atLeast: 32, 16) { half in
                [half.y, half.u, half.v].map { plane in
                    (0..<plane.height).flatMap { y in (0..<plane.width).map { x in plane.base[y * plane.stride + x] } }
                }
            }
        }
        let planes = [(0, width, height), (width * height, width / 2, height / 2), (width * height + chroma, width / 2, height / 2)]
        for (index, (offset, planeWidth, planeHeight)) in planes.enumerated() {
            var expected: [UInt8] = []
            for y in 0..<(planeHeight / 2) {
                for x in 0..<(planeWidth / 2) {
                    let at = { (dx: Int, dy: Int) in Int(bytes[offset + (2 * y + dy) * planeWidth + 2 * x + dx]) }
                    expected.append(UInt8((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) / 4))
                }
            }
            #expect(halves[index] == expected, "plane \(index)")
        }
    }
}
