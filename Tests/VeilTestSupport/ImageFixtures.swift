package import Foundation
package import VeilCore
package import VeilVision

/// Real images (from Debian's opencv-doc and python3-skimage, committed under
/// `Tests/Fixtures/` with their provenance), decoded with the ffmpeg CLI.
package enum Fixtures {
    package static let repositoryRoot = TestSupport.repositoryRoot
    package static let modelsDirectory = repositoryRoot.appendingPathComponent("models", isDirectory: true)

    package static let messi = fixture("messi5.jpg")
    package static let astronaut = fixture("astronaut.jpg")
    package static let cameraman = fixture("camera.png")
    package static let basketball1 = fixture("basketball1.png")
    package static let basketball2 = fixture("basketball2.png")
    /// Frames 0, 100 and 200 of OpenCV's vtest.avi (768×576, people walking).
    package static func vtest(frame: Int) -> String { fixture("vtest-frame\(frame).png") }

    private static func fixture(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
    }

    package static func manifest() throws -> ModelManifest {
        try ModelManifest(directory: modelsDirectory)
    }

    /// The image at `path` as I420, optionally scaled to `scaledTo`.
    package static func frame(_ path: String, scaledTo: (width: Int, height: Int)? = nil) throws -> YUV420Buffer {
        let size = try run("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                               "stream=width,height", "-of", "csv=p=0", path])
        let parts = String(decoding: size, as: UTF8.self).split(whereSeparator: { $0 == "," || $0.isNewline })
        guard parts.count >= 2, var width = Int(parts[0]), var height = Int(parts[1]) else {
            throw TestSupport.Failure(description: "ffprobe gave no size for \(path)")
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
        guard !data.isEmpty else { throw TestSupport.Failure(description: "\(tool) \(arguments.joined(separator: " ")) printed nothing") }
        return data
    }
}

extension YUV420Buffer {
    package func copy() -> YUV420Buffer { YUV420Buffer(width: width, height: height, bytes: bytes) }
}
