import Foundation
import Testing
import VeilOccupancy
import VeilCore

@Suite struct CoarseningTests {
    let start = Date(timeIntervalSince1970: 1_796_000_400)

    @Test func figuresBelowTheMinimumAreStoredAsBelow() {
        let zone = IntervalFigures(camera: "lobby", subject: .zone("reading"), measures: .people, start: start,
                                   end: start.addingTimeInterval(300), meanPeople: 2.4, maxPeople: 3)
        let record = OccupancyRecord(zone, minimumCount: 3)
        #expect(record.meanPeople == .below(3))
        #expect(record.maxPeople == .value(3))
        #expect(record.entries == nil && record.exits == nil)

        let lonely = IntervalFigures(camera: "lobby", subject: .line("door"), measures: .crossings, start: start,
                                     end: start.addingTimeInterval(300), entries: 1, exits: 0)
        let coarse = OccupancyRecord(lonely, minimumCount: 3)
        #expect(coarse.entries == .below(3) && coarse.exits == .below(3), "zero too: an empty room looks like one person")
        #expect(coarse.meanPeople == nil)
    }

    @Test func jsonCarriesTheCoarsenedFigureAsAString() throws {
        let figures = IntervalFigures(camera: "lobby", subject: .zone("reading"), measures: .people, start: start,
                                      end: start.addingTimeInterval(300), meanPeople: 4.256, maxPeople: 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(OccupancyRecord(figures, minimumCount: 5)), as: UTF8.self)
        #expect(json == #"{"camera":"lobby","end":"2026-11-30T01:05:00Z","entries":null,"exits":null,"maxPeople":7,"meanPeople":"<5","start":"2026-11-30T01:00:00Z","zone":"reading"}"#)
        let area = IntervalFigures(camera: nil, subject: .area("branch"), measures: .both, start: start,
                                   end: start.addingTimeInterval(300), meanPeople: 12.256, maxPeople: 14, entries: 9, exits: 3)
        let areaJSON = String(decoding: try encoder.encode(OccupancyRecord(area, minimumCount: 3)), as: UTF8.self)
        #expect(areaJSON.contains(#""area":"branch""#) && !areaJSON.contains("camera"))
        #expect(areaJSON.contains(#""meanPeople":12.26"#) && areaJSON.contains(#""exits":3"#))
    }
}
