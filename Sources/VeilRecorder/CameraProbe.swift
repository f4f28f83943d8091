import Logging
public import VeilConfig
import VeilMedia
import VeilTransport

/// What a camera sends, as found by connecting to it once.
public struct CameraStreamSummary: Sendable, Hashable {
    /// FFmpeg's name of the video codec, e.g. `h264`.
    public var codec: String
    public var width: Int
    public var height: Int
    /// Frames per second as the stream states it; nil when it does not say.
    public var framesPerSecond: Double?
}

/// One connection to a camera to see whether it answers and what it sends (`veil doctor`).
public enum CameraProbe {
    /// Connects to `camera` as the recorder does (its credentials; a verified TLS relay for
    /// `rtsps://`), reads the stream information, and disconnects. `timeout` bounds opening and
    /// probing each, as it does for the recorder.
    ///
    /// - Throws: the recorder's error when the camera cannot be reached, does not answer in
    ///   time, fails TLS verification or sends no video. Its text names the camera's URL
    ///   without credentials.
    public static func probe(_ camera: CameraConfiguration, timeout: Duration) throws -> CameraStreamSummary {
        // The recorder's warning about plain rtsp:// is the caller's to report, not a log line here.
        let silent = Logger(label: "veil.camera-probe") { _ in SwiftLogNoOpLogHandler() }
        let relay = try Recorder.relay(for: camera, logger: silent)
        defer { relay?.stop() }
        let input: CameraInput
        do {
            input = try CameraInput(camera: camera, relay: relay, readTimeout: timeout)
        } catch {
            // Through a relay FFmpeg only sees its local end close; the relay knows why (refused,
            // certificate not trusted, pin mismatch) and names the camera's own address.
            if let failure = relay?.lastFailure { throw failure }
            throw error
        }
        defer { input.cancel() }
        let video = input.video
        let rate = video.averageFrameRate
        return CameraStreamSummary(codec: video.codecName, width: video.width, height: video.height,
                                   framesPerSecond: rate.isValid ? Double(rate.numerator) / Double(rate.denominator) : nil)
    }
}
