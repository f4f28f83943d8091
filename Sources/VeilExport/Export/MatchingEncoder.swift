import Foundation
import VeilMedia

/// An encoder set-up whose H.264 parameter sets (SPS and PPS) are byte-identical to a
/// segment's, so the frames it encodes can share that segment's MP4 track: an MP4 track has
/// one `avcC`, and FFmpeg 5.1's MP4 muxer cannot switch parameter sets inside a track.
/// Identical bytes mean identical decoding rules, so any set-up that reproduces them is sound.
struct MatchingEncoder {
    let settings: EncoderSettings
    let width: Int
    let height: Int
    let timeBase: TimeBase
    let frameRate: TimeBase

    /// Searches the space the recorder's encoder lives in (`EncoderSettings` over libx264):
    /// every preset, with and without the cameras' zerolatency tune, with the CRF and keyframe interval the segment's x264 SEI states, at the
    /// segment's time base and its frame rate (as stated, rounded, or unknown). Nil when none
    /// reproduces `parameterSets` (the footage was encoded some other way).
    static func find(reproducing parameterSets: H264ParameterSets, of video: StreamInfo,
                     x264Options options: [String: String]) -> MatchingEncoder? {
        let defaults = EncoderSettings()
        let crf = options["crf"].flatMap(Double.init).flatMap { $0 == $0.rounded() ? Int($0) : nil } ?? defaults.crf
        let gopFrames = options["keyint"].flatMap(Int.init)
        let presets = [defaults.preset] + EncoderSettings.presets.filter { $0 != defaults.preset }
        var frameRates = [video.averageFrameRate]
        if video.averageFrameRate.isValid {
            let rounded = Int32((Double(video.averageFrameRate.numerator) / Double(video.averageFrameRate.denominator)).rounded())
            frameRates.append(TimeBase(rounded, 1))
        }
        frameRates.append(TimeBase(0, 1))
        // Cameras encode with zerolatency by default, which shows as no look-ahead in the SEI.
        let tunes: [String?] = options["rc_lookahead"] == "0" ? [EncoderSettings.liveTune, nil] : [nil, EncoderSettings.liveTune]
        var tried = Set<TimeBase>()
        for frameRate in frameRates where tried.insert(frameRate).inserted {
            for tune in tunes {
                for preset in presets {
                    let candidate = MatchingEncoder(
                        settings: EncoderSettings(codecName: "libx264", preset: preset, crf: crf, gopFrames: gopFrames, tune: tune),
                        width: video.width, height: video.height, timeBase: video.timeBase, frameRate: frameRate)
                    guard let encoder = try? candidate.makeEncoder(location: "parameter set probe") else { continue }
                    if H264ParameterSets(extradata: encoder.extradata) == parameterSets { return candidate }
                }
            }
        }
        return nil
    }

    /// A fresh encoder (its first frame is an IDR keyframe) with headers kept out of band.
    func makeEncoder(location: String) throws -> Encoder {
        try Encoder(settings: settings, width: width, height: height, timeBase: timeBase, frameRate: frameRate,
                    globalHeader: true, location: location)
    }

    /// The `key=value` options libx264 writes in the SEI of a stream's first frame
    /// (`x264 - core … - options: cabac=1 ref=3 … crf=23.0 …`); empty when there is none.
    static func x264Options(in packet: Packet) -> [String: String] {
        // The options run from the marker to the string's terminating NUL.
        let text = packet.withBytes { String(decoding: $0.map { $0 >= 0x20 && $0 < 0x7f ? $0 : 0x0a }, as: UTF8.self) }
        guard let line = text.split(separator: "\n").first(where: { $0.contains("x264 - core") }),
              let options = line.range(of: "options: ") else { return [:] }
        var result: [String: String] = [:]
        for word in line[options.upperBound...].split(separator: " ") {
            let pair = word.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
        }
        return result
    }
}
