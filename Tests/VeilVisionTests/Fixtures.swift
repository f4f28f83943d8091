import Foundation
import Testing
import VeilCore
import VeilVision

/// Real media from Debian packages (opencv-doc, python3-skimage), decoded with the ffmpeg CLI.
enum Fixtures {
    static let messi = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
    static let vtest = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
    static let cameraman = "/usr/lib/python3/dist-packages/skimage/data/camera.png"
    static let basketball1 = "/usr/share/doc/opencv-doc/examples/data/basketball1.png"
    static let basketball2 = "/usr/share/doc/opencv-doc/examples/data/basketball2.png"

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    static var haveStills: Bool {
        [messi, astronaut, cameraman, basketball1, basketball2].allSatisfy(exists) && ffmpegAvailable
    }
    static var haveVideo: Bool { exists(vtest) && ffmpegAvailable }
    static var ffmpegAvailable: Bool { exists("/usr/bin/ffmpeg") && exists("/usr/bin/ffprobe") }

    /// The repository's `models/` directory, found from this source file.
    static let modelsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models", isDirectory: true)

    static func manifest() throws -> ModelManifest {
        try ModelManifest(directory: modelsDirectory)
    }

    /// Frame `index` of `path` (an image or a video) as I420, optionally scaled to `scaledTo`.
    static func frame(_ path: String, index: Int = 0, scaledTo: (width: Int, height: Int)? = nil) throws -> YUV420Buffer {
        let size = try run("/usr/bin/ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                               "stream=width,height", "-of", "csv=p=0", path])
        let parts = String(decoding: size, as: UTF8.self).split(whereSeparator: { $0 == "," || $0.isNewline })
        guard parts.count >= 2, var width = Int(parts[0]), var height = Int(parts[1]) else {
            throw FixtureError(description: "ffprobe gave no size for \(path)")
        }
        var filters: [String] = []
        if index > 0 { filters.append("select=eq(n\\,\(index))") }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else {
            throw FixtureError(description: "\(tool) \(arguments.joined(separator: " ")) failed")
        }
        return data
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

extension YUV420Buffer {
    func copy() -> YUV420Buffer { YUV420Buffer(width: width, height: height, bytes: bytes) }
}
