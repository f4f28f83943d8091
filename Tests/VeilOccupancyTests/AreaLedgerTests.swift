import Foundation
import Testing
import VeilCore
import VeilOccupancy

@Suite struct AreaLedgerTests {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }
    /// 2026-11-30 18:00 UTC.
    let evening = Date(timeIntervalSince1970: 1_796_061_600)
    let door = CountingLayout(lines: [SyntheticTracks.door])
    let hall = CountingLayout(zones: [SyntheticTracks.rightHalf])

    @Test func zonesOfSeveralCamerasAddUp() {
        let area = OccupancyArea(name: "branch", source: .zones([CountingReference(camera: "lobby", name: "right"),
                                                                   CountingReference(camera: "stacks", name: "right")]))
        var ledger = AreaLedger(area: area, calendar: Self.utc)
        ledger.record(camera: "lobby", layout: hall, count: FrameCount(people: [2], entries: [], exits: []), at: evening)
        ledger.record(camera: "stacks", layout: hall, count: FrameCount(people: [3], entries: [], exits: []), at: evening)
        ledger.record(camera: "lobby", layout: hall, count: FrameCount(people: [1], entries: [], exits: []), at: evening)
        ledger.record(camera: "other", layout: hall, count: FrameCount(people: [9], entries: [], exits: []), at: evening)
        #expect(ledger.people == 4)
        #expect(ledger.measures == .people)
    }

    @Test func doorLinesKeepABalanceResetAtClosingTime() {
        let area = OccupancyArea(name: "branch", source: .lines([CountingReference(camera: "entrance", name: "door")]),
                                 closingTime: TimeOfDay(hour: 21, minute: 0))
        var ledger = AreaLedger(area: area, calendar: Self.utc)
        func crossing(_ entries: Int, _ exits: Int, after seconds: TimeInterval) {
            ledger.record(camera: "entrance", layout: door, count: FrameCount(people: [], entries: [entries], exits: [exits]),
                          at: evening.addingTimeInterval(seconds))
        }
        crossing(5, 0, after: 0)
        crossing(0, 2, after: 60)
        #expect(ledger.people == 3)
        let observed = ledger.observe(at: evening.addingTimeInterval(61))
        #expect(observed == SubjectObservation(people: 3, entries: 5, exits: 2))
        #expect(ledger.observe(at: evening.addingTimeInterval(62)) == SubjectObservation(people: 3))
        // Two exits nobody was seen entering for: the balance stops at zero, it does not go negative.
        crossing(0, 5, after: 120)
        #expect(ledger.people == 0)
        // Drift: an entry whose exit was missed stays in the balance until closing time…
        crossing(1, 0, after: 3600)
        #expect(ledger.people == 1)
        // …and not past it (21:00, three hours after 18:00).
        _ = ledger.observe(at: evening.addingTimeInterval(3 * 3600))
        #expect(ledger.people == 0)
        crossing(2, 0, after: 3 * 3600 + 60)
        #expect(ledger.people == 2)
        _ = ledger.observe(at: evening.addingTimeInterval(24 * 3600))
        #expect(ledger.people == 2, "before the next day's closing time")
        _ = ledger.observe(at: evening.addingTimeInterval(27 * 3600))
        #expect(ledger.people == 0)
    }

    @Test func referencesAndTimesOfDayParse() {
        #expect(CountingReference("lobby/door") == CountingReference(camera: "lobby", name: "door"))
        #expect(CountingReference("lobby") == nil && CountingReference("a/b/c") == nil && CountingReference("/door") == nil)
        #expect(TimeOfDay("21:30") == TimeOfDay(hour: 21, minute: 30))
        #expect(TimeOfDay("24:00") == nil && TimeOfDay("9:00") == nil)
    }
}
