import Synchronization
internal import CFFmpeg
import Glibc

/// Bounds every blocking FFmpeg call on one input: FFmpeg polls `shouldInterrupt` while it
/// waits on the network, and gives up with AVERROR_EXIT once the deadline has passed or the
/// input was cancelled. Without this a frozen camera blocks its reader forever (the RTSP
/// `timeout` option took ~12 s and does not cover every call).
final class InterruptDeadline: Sendable {
    /// Monotonic nanoseconds after which calls are interrupted; 0 = no deadline.
    private let deadline = Atomic<UInt64>(0)
    private let cancelled = Atomic<Bool>(false)
    let timeoutNanoseconds: UInt64?

    init(timeout: Duration?) {
        timeoutNanoseconds = timeout.map(Self.nanoseconds)
    }

    /// Starts the clock for the next blocking call: `timeout` when given, else the input's own.
    func arm(timeout: Duration? = nil) {
        guard let nanoseconds = timeout.map(Self.nanoseconds) ?? timeoutNanoseconds else { return }
        deadline.store(Self.now() + nanoseconds, ordering: .relaxed)
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(max(duration.components.seconds, 0)) * 1_000_000_000 + UInt64(max(duration.components.attoseconds, 0) / 1_000_000_000)
    }

    /// Makes the current and every later call give up at once (shutdown, another thread).
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// The armed deadline has passed (and the input was not cancelled). Checked after a failed
    /// call, because demuxers report an interruption in their own words (RTSP: invalid data).
    var hasExpired: Bool {
        let limit = deadline.load(ordering: .relaxed)
        return !isCancelled && limit != 0 && Self.now() > limit
    }

    var shouldInterrupt: Bool { isCancelled || hasExpired }

    /// The callback FFmpeg calls; `opaque` is an unretained `InterruptDeadline` that outlives the context.
    var callback: AVIOInterruptCB {
        AVIOInterruptCB(
            callback: { opaque in
                Unmanaged<InterruptDeadline>.fromOpaque(opaque!).takeUnretainedValue().shouldInterrupt ? 1 : 0
            },
            opaque: Unmanaged.passUnretained(self).toOpaque()
        )
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
