public import Foundation
import Synchronization

/// What the staff console shows of one camera while Veil records it: its state and, when the
/// console is served, its live redacted video. Updated by the camera's threads.
public final class CameraFeed: Sendable {
    /// Where the camera's connection stands.
    public enum State: String, Sendable, Codable {
        /// Not connected yet since Veil started.
        case connecting
        /// Streaming: footage is being recorded.
        case recording
        /// The stream was lost; a gap is open until it is back.
        case reconnecting
        case stopped
    }

    /// A copy of the camera's status at one moment.
    public struct Status: Sendable, Hashable {
        public var state: State = .connecting
        /// The stream's picture size; 0 before the first connection.
        public var width = 0
        public var height = 0
        /// Redacted frames per second, as last measured.
        public var fps = 0.0
        /// When the last redacted frame was encoded.
        public var lastFrame: Date?
    }

    public let camera: String
    /// The live view; nil when the console is not served (nothing is segmented then).
    public let live: LiveStream?
    private let current = Mutex(Status())

    public init(camera: String, live: LiveStream?) {
        self.camera = camera
        self.live = live
    }

    public var status: Status { current.withLock { $0 } }

    package func update(_ change: (inout Status) -> Void) {
        current.withLock { change(&$0) }
    }
}
