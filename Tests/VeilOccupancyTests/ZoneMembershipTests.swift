import Testing
import VeilCore
import VeilOccupancy

@Suite struct ZoneMembershipTests {
    let layout = CountingLayout(zones: [SyntheticTracks.rightHalf])

    @Test func aPersonIsInTheZoneWhileTheirFeetAre() {
        let counts = SyntheticTracks.run(layout, [[SyntheticTracks.sample(1, footX: 300)], [SyntheticTracks.sample(1, footX: 700)],
                                                  [SyntheticTracks.sample(1, footX: 700), SyntheticTracks.sample(2, footX: 900)], []])
        #expect(counts.map { $0.people[0] } == [0, 1, 2, 0])
    }

    @Test func theFootNotTheBoxCentreDecides() {
        // A tall box whose centre is in the zone's rows but whose feet stand below it.
        let upper = CountingZone(name: "upper", polygon: Polygon([Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 0.5), Point(x: 0, y: 0.5)]))
        let box = Rect(x: 400, y: 300, width: 100, height: 400)  // centre y 500, feet at 700
        let counts = SyntheticTracks.run(CountingLayout(zones: [upper]), [[TrackSample(id: 1, box: box, hits: 5)]])
        #expect(counts[0].people == [0])
    }

    @Test func unconfirmedTracksAreNotPeopleYet() {
        let counts = SyntheticTracks.run(layout, [[SyntheticTracks.sample(1, footX: 700, hits: 2)]], confirmationHits: 3)
        #expect(counts[0].people == [0])
    }

    @Test func coordinatesAreFractionsOfTheFrame() {
        var counter = OccupancyCounter(layout: layout, confirmationHits: 1)
        // On a 1280×720 frame the zone is x ≥ 640 px.
        let small = Size(width: 1280, height: 720)
        let count = counter.count(FrameSample(index: 0, size: small, tracks: [SyntheticTracks.sample(1, footX: 700, footY: 600)]))
        #expect(count.people == [1])
    }

    @Test func selfIntersectingPolygonsAreRecognised() {
        let bowTie = Polygon([Point(x: 0, y: 0), Point(x: 1, y: 1), Point(x: 1, y: 0), Point(x: 0, y: 1)])
        #expect(PolygonShape.isSelfIntersecting(bowTie))
        #expect(!PolygonShape.isSelfIntersecting(SyntheticTracks.rightHalf.polygon))
        let concave = Polygon([Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0.5, y: 0.5), Point(x: 1, y: 1), Point(x: 0, y: 1)])
        #expect(!PolygonShape.isSelfIntersecting(concave))
    }

    @Test func capacityCrossingsAreReportedOnceEachWay() {
        var watch = CapacityWatch(capacity: 2)
        let changes = [1, 2, 3, 3, 4, 2, 2, 3].map { watch.observe(people: $0) }
        #expect(changes == [nil, nil, .exceeded, nil, nil, .restored, nil, .exceeded])
    }
}
