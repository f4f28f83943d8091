public import Foundation
public import VeilCore

/// The live figures of one building area, fed by every camera that has a part of it.
///
/// A zone area is the sum of its zones' latest counts. A line area is a balance: entries
/// minus exits on its lines since the last closing time, never below zero (an exit nobody
/// was seen entering for is someone the count missed, not a negative person). The balance
/// drifts by every crossing the tracker misses or doubles, which is why it is set back to
/// zero at `closingTime` each day, when the building is empty.
public struct AreaLedger: Sendable {
    public let area: OccupancyArea
    private let calendar: Calendar
    private var zonePeople: [CountingReference: Int] = [:]
    private var balance = 0
    private var nextReset: Date?
    /// Crossings since the last observation taken (for the interval figures).
    private var entries = 0, exits = 0

    /// `calendar` carries the time zone of the closing time (the machine's by default).
    public init(area: OccupancyArea, calendar: Calendar = .current) {
        self.area = area
        self.calendar = calendar
    }

    public var measures: OccupancyMeasures {
        if case .lines = area.source { return .both }
        return .people
    }

    /// Records what one camera counted in one frame (only its parts of this area are read).
    public mutating func record(camera: String, layout: CountingLayout, count: FrameCount, at time: Date) {
        resetIfClosed(at: time)
        switch area.source {
        case .zones(let references):
            for (index, zone) in layout.zones.enumerated() {
                let reference = CountingReference(camera: camera, name: zone.name)
                if references.contains(reference) { zonePeople[reference] = count.people[index] }
            }
        case .lines(let references):
            for (index, line) in layout.lines.enumerated()
            where references.contains(CountingReference(camera: camera, name: line.name)) {
                entries += count.entries[index]
                exits += count.exits[index]
                balance = max(0, balance + count.entries[index] - count.exits[index])
            }
        }
    }

    /// People in the area now.
    public var people: Int {
        if case .zones = area.source { return zonePeople.values.reduce(0, +) }
        return balance
    }

    /// The area's observation now, with the crossings recorded since the last one.
    public mutating func observe(at time: Date) -> SubjectObservation {
        resetIfClosed(at: time)
        defer { entries = 0; exits = 0 }
        return SubjectObservation(people: people, entries: entries, exits: exits)
    }

    private mutating func resetIfClosed(at time: Date) {
        guard case .lines = area.source else { return }
        if let nextReset, time >= nextReset { balance = 0 }
        if nextReset.map({ time >= $0 }) ?? true {
            let closing = DateComponents(hour: area.closingTime.hour, minute: area.closingTime.minute)
            nextReset = calendar.nextDate(after: time, matching: closing, matchingPolicy: .nextTime)
        }
    }
}
