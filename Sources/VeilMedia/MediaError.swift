internal import CFFmpeg
import VeilCore

/// A media failure: what was attempted, on which input or output, and FFmpeg's own message.
public struct MediaError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable, Equatable {
        case openInput, noVideoStream, readPacket, decoderSetup, decode
        case encoderSetup, encode, openOutput, writeOutput, conversion, allocation, unsupported, timeout
    }

    let code: Code
    /// The file or URL concerned (credentials already stripped).
    public let location: String
    /// What Veil was doing, in words.
    public let operation: String
    /// FFmpeg's message for the error code, when FFmpeg reported one.
    public let ffmpegMessage: String?
    private let status: Int32?
    /// What the user can do about it, when Veil knows better than FFmpeg's message.
    let remedy: String?

    init(_ code: Code, _ operation: String, location: String, status: Int32? = nil, remedy: String? = nil) {
        self.code = code
        self.remedy = remedy
        self.operation = operation
        self.location = location
        self.status = status
        self.ffmpegMessage = status.map(MediaError.message(for:))
    }

    public var description: String {
        var text = "\(operation) failed for \(location)"
        if let ffmpegMessage { text += ": \(ffmpegMessage)" }
        if code == .openInput && status == CFFmpegShims_AVERROR_INVALIDDATA {
            text += " (not a video FFmpeg can read, or a file cut short before its index)"
        }
        if let remedy { text += ". \(remedy)" }
        return text
    }

    /// True when a blocking call on a network input gave up because its deadline passed.
    public var isTimeout: Bool { code == .timeout }

    /// True when the input could not be opened or understood at all (missing, unreadable, not media).
    public var isUnreadableInput: Bool { code == .openInput || code == .noVideoStream }

    static func message(for status: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        CFFmpegShims_errorString(status, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
