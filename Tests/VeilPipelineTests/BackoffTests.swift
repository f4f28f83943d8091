import Testing
@testable import VeilPipeline

/// The documented schedules, exactly: ceilings, the equal-jitter bounds, the cap.
@Suite struct BackoffTests {
    @Test func standardCeilingsDoubleFromHalfASecondToThirtySeconds() {
        let ceilings = (1...9).map { Backoff.standard.ceiling(attempt: $0) }
        #expect(ceilings == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8),
                             .seconds(16), .seconds(30), .seconds(30), .seconds(30)])
    }

    @Test func resumingCeilingsStayAtAQuarterSecondForEightAttemptsThenDouble() {
        let ceilings = (1...16).map { Backoff.resuming.ceiling(attempt: $0) }
        #expect(ceilings == Array(repeating: .milliseconds(250), count: 8)
                + [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }

    @Test func refusedCeilingsStartAtThirtySecondsAndStopAtTenMinutes() {
        let ceilings = (1...8).map { Backoff.refused.ceiling(attempt: $0) }
        #expect(ceilings == [.seconds(30), .seconds(60), .seconds(120), .seconds(240), .seconds(480),
                             .seconds(600), .seconds(600), .seconds(600)])
    }

    @Test func delayIsHalfTheCeilingPlusTheRandomShareOfTheOtherHalf() {
        #expect(Backoff.standard.delay(attempt: 1, random: 0) == .milliseconds(250))
        #expect(Backoff.standard.delay(attempt: 1, random: 0.5) == .milliseconds(375))
        #expect(Backoff.standard.delay(attempt: 3, random: 0.25) == .milliseconds(1250))
        #expect(Backoff.standard.delay(attempt: 7, random: 0) == .seconds(15))
        #expect(Backoff.refused.delay(attempt: 2, random: 0.5) == .seconds(45))
    }

    @Test(arguments: [Backoff.standard, Backoff.resuming, Backoff.refused])
    func jitterStaysWithinTheUpperHalfOfTheCeiling(_ backoff: Backoff) {
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...12 {
            let ceiling = backoff.ceiling(attempt: attempt)
            for _ in 0..<200 {
                let delay = backoff.delay(attempt: attempt, random: Double.random(in: 0..<1, using: &generator))
                #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay)")
            }
            // The largest draw below 1 stays at or under the ceiling.
            #expect(backoff.delay(attempt: attempt, random: 1.0.nextDown) <= ceiling)
        }
    }

    @Test func outOfRangeRandomNumbersAreClamped() {
        #expect(Backoff.standard.delay(attempt: 2, random: -3) == .milliseconds(500))
        #expect(Backoff.standard.delay(attempt: 2, random: 7) == .seconds(1))
        #expect(Backoff.standard.delay(attempt: 2, random: .nan) == .milliseconds(500))
    }

    @Test func hugeAttemptNumbersStayAtTheCapWithoutOverflow() {
        #expect(Backoff.standard.ceiling(attempt: Int.max) == .seconds(30))
        #expect(Backoff.refused.delay(attempt: 1_000_000, random: 0.999) <= .seconds(600))
    }

    @Test func refusalsAreNeverRetriedSoonerThanFifteenSeconds() {
        for attempt in 1...20 {
            #expect(Backoff.refused.delay(attempt: attempt, random: 0) >= .seconds(15))
        }
    }
}
