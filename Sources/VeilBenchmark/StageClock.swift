import VeilCore

/// Wall time and process CPU time spent in one stage, summed over the calls timed.
///
/// CPU time is the whole process's (`CLOCK_PROCESS_CPUTIME_ID`), so the stage's own helper
/// threads (x264's, the decoder's, OpenCV's) are counted; the benchmark runs one stage at a
/// time so that nothing else is charged to it. Other processes on the machine do not count.
package struct StageCost: Sendable, Equatable {
    package var wallSeconds = 0.0
    package var cpuSeconds = 0.0
    /// How many times the stage ran (calls timed).
    package var calls = 0

    package init() {}

    package static func + (left: StageCost, right: StageCost) -> StageCost {
        var sum = left
        sum.wallSeconds += right.wallSeconds
        sum.cpuSeconds += right.cpuSeconds
        sum.calls += right.calls
        return sum
    }
}

/// Times closures in wall and process CPU time.
package enum StageClock {
    /// Runs `body`, adds its wall and CPU time to `cost` as one call, and returns its result.
    package static func measure<R>(into cost: inout StageCost, _ body: () throws -> R) rethrows -> R {
        let wallStart = ContinuousClock.now
        let cpuStart = CPUTime.process
        let result = try body()
        cost.cpuSeconds += (CPUTime.process - cpuStart).inSeconds
        cost.wallSeconds += (ContinuousClock.now - wallStart).inSeconds
        cost.calls += 1
        return result
    }
}
