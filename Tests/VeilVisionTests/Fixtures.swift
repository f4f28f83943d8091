import Foundation
import Testing
import VeilCore
import VeilTestSupport
import VeilVision

/// Real images (from Debian's opencv-doc and python3-skimage, committed under
/// `Tests/Fixtures/` with their provenance), decoded with the ffmpeg CLI.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modelsDirectory = repositoryRoot.appendingPathComponent("models", isDirectory: true)

    static let messi = fixture("messi5.jpg")
    static let astronaut = fixture("astronaut.jpg")
    static let cameraman = fixture("camera.png")
    static let basketball1 = fixture("basketball1.png")
    static let basketball2 = fixture("basketball2.png")
    /// Frames 0, 100 and 200 of OpenCV's vtest.avi (768×576, people walking).
    static func vtest(frame: Int) -> String { fixture("vtest-frame\(frame).png") }

    private static func fixture(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
    }

    static func manifest() throws -> ModelManifest {
        try ModelManifest(directory: modelsDirectory)
    }

    /// The image at `path` as I420, optionally scaled to `scaledTo`.
    static func frame(_ path: String, scaledTo: (width: Int, height: Int)? = nil) throws -> YUV420Buffer {
        let size = try run("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                               "stream=width,height", "-of", "csv=p=0", path])
        let parts = String(decoding: size, as: UTF8.self).split(whereSeparator: { $0 == "," || $0.isNewline })
        guard parts.count >= 2, var width = Int(parts[0]), var height = Int(parts[1]) else {
            throw FixtureError(description: "ffprobe gave no size for \(path)")
        }
        var filters: [String] = []
        if let scaledTo {
            filters.append("scale=\(scaledTo.width):\(scaledTo.height)")
            (width, height) = scaledTo
        }
        var arguments = ["-v", "error", "-i", path]
        if !filters.isEmpty { arguments += ["-vf", filters.joined(separator: ",")] }
        arguments += ["-frames:v", "1", "-pix_fmt", "yuv420p", "-f", "rawvideo", "-"]
        let bytes = try run("/usr/bin/ffmpeg", arguments)
        return YUV420Buffer(width: width, height: height, bytes: [UInt8](bytes))
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let data = try TestSupport.runForData(tool, arguments).output
        guard !data.isEmpty else { throw FixtureError(description: "\(tool) \(arguments.joined(separator: " ")) printed nothing") }
        return data
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

extension YUV420Buffer {
    func copy() -> YUV420Buffer { YUV420Buffer(width: width, height: height, bytes: bytes) }
}
