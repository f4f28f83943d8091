import Glibc

/// CPU time (user and system) consumed so far, read from the kernel's CPU-time clocks.
public enum CPUTime {
    /// The calling thread's CPU time.
    public static var currentThread: Duration { read(CLOCK_THREAD_CPUTIME_ID) }

    /// The CPU time of the whole process, every thread together.
    public static var process: Duration { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Duration {
        var time = timespec()
        // Both clocks exist on every Linux kernel Veil runs on; a failure is a broken system.
        precondition(clock_gettime(clock, &time) == 0, "clock_gettime(\(clock)) failed with errno \(errno)")
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
