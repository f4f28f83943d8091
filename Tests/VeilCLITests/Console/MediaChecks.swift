import Foundation
import VeilMedia
import VeilVision
import VeilTestSupport
import VeilCore

/// The newest live segments of a playlist, fetched as a player would, decoded and searched
/// for faces (YuNet at 0.3, far below the detector's working threshold).
struct LiveSegments {
    let stream: StreamInfo
    let frames: [Int64]
    let faces: [String]

    init(playlist: String, http: HTTPClient, headers: [String: String], camera: String = "room") throws {
        var map = "", pieces: [(map: String, media: String)] = []
        for line in playlist.split(separator: "\n") {
            if line.hasPrefix("#EXT-X-MAP:URI=\"") { map = String(line.dropFirst(16).dropLast()) }
            if !line.hasPrefix("#") { pieces.append((map, String(line))) }
        }
        let detector = try FaceDetector(manifest: try ModelManifest.locate(), options: .init(scoreThreshold: 0.3))
        var stream: StreamInfo?, frames: [Int64] = [], faces: [String] = []
        for piece in pieces.suffix(3) {
            let initialization = try http.request("GET", "/cameras/\(camera)/" + piece.map, headers: headers)
            let media = try http.request("GET", "/cameras/\(camera)/" + piece.media, headers: headers)
            guard initialization.status == 200, media.status == 200 else {
                throw TestSupport.Failure(description: "\(piece.media): \(initialization.status) / \(media.status)")
            }
            let demuxer = try Demuxer(reading: Array(initialization.body + media.body), format: "mp4", describedAs: piece.media)
            let video = try demuxer.bestVideoStream()
            stream = video
            try demuxer.forEachVideoFrame { frame in
                frames.append(frame.pts ?? -1)
                faces += try frame.withPlanes { try detector.detect(in: $0) }.map { "\(piece.media): \($0.box) \($0.score)" }
            }
        }
        self.stream = try stream ?? { throw TestSupport.Failure(description: "no live segment in the playlist") }()
        self.frames = frames
        self.faces = faces
    }
}

/// Per-frame MD5s of the decoded pictures, as ffmpeg's framemd5 muxer prints them.
enum FrameHashes {
    static func of(file: String) throws -> [String] { try hashes(["-i", file]) }

    static func ofHLS(_ url: String, cookie: String) throws -> [String] {
        try hashes(["-headers", "Cookie: \(cookie)\r\n", "-i", url])
    }

    private static func hashes(_ input: [String]) throws -> [String] {
        let output = try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error"] + input + ["-map", "0:v:0", "-f", "framemd5", "-"])
        return output.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: ",").last.map(String.init) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Camera-to-screen delays the page's player measured, kept beside the screenshot.
enum LatencyReport {
    static func write(_ milliseconds: [Double], to url: URL) throws {
        let sorted = milliseconds.sorted()
        func percentile(_ p: Double) -> Double? { sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let report: [String: Any] = ["samples": sorted.count, "p50_ms": percentile(0.5) ?? -1, "p95_ms": percentile(0.95) ?? -1,
                                     "max_ms": sorted.last ?? -1]
        try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted]).write(to: url)
    }
}
