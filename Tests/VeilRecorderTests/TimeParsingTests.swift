import Foundation
import Testing
import VeilRecorder
import VeilExport

/// The time forms `veil export --from/--to` accept.
@Suite struct TimeParsingTests {
    static let now = Date(timeIntervalSince1970: 1_795_946_400) // 2026-11-29T10:00:00Z
    static let paris = TimeZone(identifier: "Europe/Paris")!

    func parse(_ text: String) -> Date? { ExportTime.parse(text, now: Self.now, timeZone: Self.paris) }

    @Test func isoWithZone() {
        #expect(parse("2026-11-29T10:00:00Z") == Self.now)
        #expect(parse("2026-11-29T11:00:00+01:00") == Self.now)
        #expect(parse("2026-11-29T10:00:00.500Z") == Self.now.addingTimeInterval(0.5))
        #expect(parse("2026-11-29T10:00Z") == Self.now)
    }

    @Test func withoutZoneIsLocal() {
        // Paris is UTC+1 in November.
        #expect(parse("2026-11-29T11:00:00") == Self.now)
        #expect(parse("2026-11-29 11:00:00") == Self.now)
        #expect(parse("2026-11-29 11:00") == Self.now)
        #expect(parse("2026-11-29T11:00") == Self.now)
    }

    @Test func relative() {
        #expect(parse("now") == Self.now)
        #expect(parse("NOW") == Self.now)
        #expect(parse("-15m") == Self.now.addingTimeInterval(-900))
        #expect(parse("-2h") == Self.now.addingTimeInterval(-7200))
        #expect(parse("-30s") == Self.now.addingTimeInterval(-30))
        #expect(parse("-1d") == Self.now.addingTimeInterval(-86400))
        #expect(parse("now-15m") == Self.now.addingTimeInterval(-900))
    }

    @Test func rejectsGarbage() {
        for text in ["", "yesterday", "-15x", "-m", "2026-13-01 10:00", "2026-11-29", "10:00", "2026-11-29T25:00:00Z"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }
}
