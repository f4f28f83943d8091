import Foundation
import VeilMedia

/// The first picture of an image or video file, decoded and converted to YUV 4:2:0.
enum StillImage {
    static func load(_ url: URL) throws -> Frame {
        let demuxer = try Demuxer(url: url.path)
        let stream = try demuxer.bestVideoStream()
        let decoder = try Decoder(demuxer: demuxer, stream: stream, threads: 1)
        let packet = try Packet(), decoded = try Frame(), converted = try Frame()
        while true {
            if try demuxer.read(into: packet) == .packet {
                guard packet.streamIndex == stream.index else { continue }
                _ = try decoder.send(packet)
            } else {
                try decoder.sendEndOfStream()
            }
            switch try decoder.receive(into: decoded) {
            case .ready:
                try PixelConverter().convert(decoded, into: converted)
                return converted
            case .needInput: continue
            case .endOfStream: throw EvaluationError("\(url.path) holds no picture")
            }
        }
    }
}
