import Foundation
package import VeilCore

/// A person walking into a still room from one side, built from a real photograph
/// (`Tests/Fixtures/basketball1.png`, 640×480, grey): the standing man on its left, cut out
/// as his bounding rectangle (with the bit of wall behind him), slides across a still
/// background made of the same photograph's empty wall and door, stretched to 640×480.
package struct EnteringPersonScene {
    package enum Side: String, CaseIterable, Sendable { case left, right }

    package static let width = 640, height = 480
    /// Where the man stands in basketball1.png: his cut-out.
    package static let figureSource = (x: 25, y: 75, width: 150, height: 405)
    /// His head (hair to chin, ears included) inside the cut-out: around YuNet's face box on the
    /// photograph (x 72–104, y 92–133), by eye, with the hair and ears (x 51–109, y 79–149).
    package static let headInFigure = Rect(x: 26, y: 4, width: 58, height: 70)

    package let side: Side
    /// The first frame on which some of the head is in view.
    package let firstVisibleFrame: Int
    /// Pixels a frame: 24 is 600 px/s at 25 fps, 0.94 of the frame's width a second.
    package var speed: Double

    package init(side: Side, firstVisibleFrame: Int, speed: Double = 24.0) {
        self.side = side
        self.firstVisibleFrame = firstVisibleFrame
        self.speed = speed
    }

    /// The cut-out's left edge at `frame`.
    package func figureX(at frame: Int) -> Double {
        let travelled = speed * (Double(frame - firstVisibleFrame) + 0.5)
        switch side {
        case .left: return -Self.headInFigure.maxX + travelled
        case .right: return Double(Self.width) - Self.headInFigure.minX - travelled
        }
    }

    /// The part of the head in view at `frame`, in frame pixels; nil when none of it is.
    package func visibleHead(at frame: Int) -> Rect? {
        let x = figureX(at: frame).rounded(.down)
        let head = Rect(x: x + Self.headInFigure.x, y: Double(Self.figureSource.y) + Self.headInFigure.y,
                        width: Self.headInFigure.width, height: Self.headInFigure.height)
        let shown = head.clamped(to: Size(width: Double(Self.width), height: Double(Self.height)))
        return shown.isEmpty ? nil : shown
    }

    /// Frame `frame` as I420, with optional camera noise of ±`noise` levels.
    package func image(at frame: Int, noise: Int = 0, seed: UInt64 = 1) throws -> YUV420Buffer {
        let photo = try Self.photo.get()
        var luma = photo.background
        let x0 = Int(figureX(at: frame).rounded(.down))
        let source = Self.figureSource
        for row in 0..<source.height {
            let y = source.y + row
            for column in 0..<source.width {
                let x = x0 + column
                guard x >= 0, x < Self.width else { continue }
                luma[y * Self.width + x] = photo.pixels[y * Self.width + source.x + column]
            }
        }
        if noise > 0 {
            var state = seed &+ UInt64(frame) &* 0x9E3779B97F4A7C15
            for index in luma.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                luma[index] = UInt8(clamping: Int(luma[index]) + Int(state >> 33) % (2 * noise + 1) - noise)
            }
        }
        let chroma = [UInt8](repeating: 128, count: 2 * (Self.width / 2) * (Self.height / 2))
        return YUV420Buffer(width: Self.width, height: Self.height, bytes: luma + chroma)
    }

    /// The photograph's luma, and the background: its empty wall and door (x 200–440) stretched.
    package static let photo = Result { () throws -> (pixels: [UInt8], background: [UInt8]) in
        let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/basketball1.png").path
        let pixels = try gray(["-i", path])
        let background = try gray(["-i", path, "-vf", "crop=240:480:200:0,scale=\(width):\(height)"])
        return (pixels, background)
    }

    private static func gray(_ input: [String]) throws -> [UInt8] {
        let data = try TestSupport.runForData("/usr/bin/ffmpeg", ["-v", "error"] + input
                                              + ["-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", "-"]).output
        guard data.count == width * height else {
            throw TestSupport.Failure(description: "ffmpeg could not read \(input) as \(width)x\(height) grey")
        }
        return [UInt8](data)
    }
}
