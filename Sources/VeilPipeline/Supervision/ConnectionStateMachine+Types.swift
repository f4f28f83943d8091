extension ConnectionStateMachine {
    /// Where the camera's connection is.
    public enum State: Sendable, Equatable {
        /// Opening the input (first time, or after a backoff). `attempt` counts the failures
        /// in a row before this attempt (0 the first time, and after a stream that delivered a
        /// keyframe or ran for `stableAfter`).
        case connecting(attempt: Int)
        /// Connected and reading. `firstPacket`/`lastPacket` are nil until packets arrive.
        case streaming(firstPacket: Instant?, lastPacket: Instant?, attempt: Int)
        /// Waiting before the next connection; `attempt` failures in a row so far.
        case backingOff(until: Instant, attempt: Int)
        /// Shut down; every later event is ignored.
        case stopped
    }

    /// What happened, as told by the I/O layer (or its timers).
    public enum Event: Sendable, Equatable {
        /// The input opened and its streams were found.
        case connectSucceeded
        /// Opening the input failed.
        case connectFailed(reason: ConnectionFailure)
        /// A packet arrived at the given time; `keyframe` when it is a video keyframe, the start
        /// of footage that decodes (a session that delivered one resets the failure count).
        case packetReceived(at: Instant, keyframe: Bool = false)
        /// End-of-file or a read error. On a live camera end-of-file means disconnected, never done.
        case streamEnded
        /// The stall watchdog (or a read deadline) found no packet for too long.
        case stallDetected
        /// The backoff delay of the last `.closeAndBackOff`/`.reportRefused` is over.
        case backoffElapsed
        /// Shutdown.
        case stopRequested
    }

    /// What the I/O layer must do now. Exactly one action per event.
    public enum Action: Sendable, Equatable {
        /// Open the input (with its interrupt deadline), then send `connectSucceeded`/`connectFailed`.
        case connect
        /// Start (or keep) reading packets, sending `packetReceived` for each and `streamEnded` at the end.
        case startReading
        /// Close the input if one is open, wait `delay`, then send `backoffElapsed`. `gapStart` is the
        /// time of the last packet before the footage stopped, when a gap is open (nil before any packet).
        case closeAndBackOff(Duration, gapStart: Instant?)
        /// The camera refused us (credentials or certificate): report it loudly (once per refusal,
        /// which the schedule keeps rare), close, wait `retryIn`, then send `backoffElapsed`.
        case reportRefused(ConnectionFailure, retryIn: Duration)
        /// Footage resumed: write the gap `[from, to)` to the catalog (last packet before the drop,
        /// first keyframe after reconnecting). Keep reading.
        case recordGap(from: Instant, to: Instant)
        /// Close (or cancel) the input and finish: stopped.
        case close
        /// Nothing to do.
        case none
    }
}
