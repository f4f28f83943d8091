import Testing
import VeilCore
import VeilOccupancy
@testable import VeilConfig
import Foundation

/// `occupancy:` under a camera and at the top level: a good one loads, and each kind of bad
/// input named by issue 15 gets one problem at its YAML path and line.
@Suite("Occupancy configuration")
struct OccupancyConfigurationTests {
    static let camera = """
        cameras:
          - name: lobby
            url: samples/library-walk-720p.mp4
            occupancy:
              zones:
                - name: reading
                  polygon: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]]
                  capacity: 40
              lines:
                - name: door
                  from: [0.5, 0.2]
                  to: [0.5, 0.9]
                  inside: right
        """

    @Test func aGoodConfigurationLoads() throws {
        let configuration = try Fixtures.parse(Self.camera + """

            occupancy:
              interval: 15m
              minimumCount: 5
              retention: 90d
              areas:
                - name: branch
                  lines: [lobby/door]
                  closingTime: "21:30"
                - name: upstairs
                  zones: [lobby/reading]
            """)
        let layout = try #require(configuration.camera(named: "lobby")).occupancy
        #expect(layout.zones == [CountingZone(name: "reading", polygon: Polygon([Point(x: 0.5, y: 0), Point(x: 1, y: 0),
                                                                                 Point(x: 1, y: 1), Point(x: 0.5, y: 1)]),
                                              capacity: 40)])
        #expect(layout.lines == [CountingLine(name: "door", from: Point(x: 0.5, y: 0.2), to: Point(x: 0.5, y: 0.9), inside: .right)])
        #expect(configuration.occupancy.interval == 900 && configuration.occupancy.minimumCount == 5)
        #expect(configuration.occupancy.retention == 90 * 86_400)
        #expect(configuration.occupancy.areas == [
            OccupancyArea(name: "branch", source: .lines([CountingReference(camera: "lobby", name: "door")]),
                          closingTime: TimeOfDay(hour: 21, minute: 30)),
            OccupancyArea(name: "upstairs", source: .zones([CountingReference(camera: "lobby", name: "reading")])),
        ])
    }

    @Test func defaultsCountNothingAndKeepAYear() throws {
        let configuration = try Fixtures.parse(Fixtures.sampleCamera)
        #expect(configuration.cameras[0].occupancy.isEmpty)
        #expect(configuration.occupancy == OccupancySettings(interval: 300, minimumCount: 3, retention: 365 * 86_400, areas: []))
    }

    @Test func aPolygonOutsideTheFrameIsRejected() throws {
        let problems = Fixtures.problems(Self.camera.replacingOccurrences(of: "[[0.5, 0], [1, 0], [1, 1], [0.5, 1]]",
                                                                          with: "[[0.5, 0], [1280, 0], [1, 1], [0.5, 1]]"))
        let problem = try #require(Fixtures.problem(at: "cameras[0].occupancy.zones[0].polygon[1][0]", in: problems))
        #expect(problem.message.contains("outside the frame") && problem.message.contains("from 0 to 1"))
        #expect(problem.line == 7)
    }

    @Test func aSelfIntersectingPolygonIsRejected() throws {
        let problems = Fixtures.problems(Self.camera.replacingOccurrences(of: "[[0.5, 0], [1, 0], [1, 1], [0.5, 1]]",
                                                                          with: "[[0.5, 0], [1, 1], [1, 0], [0.5, 1]]"))
        let problem = try #require(Fixtures.problem(at: "cameras[0].occupancy.zones[0].polygon", in: problems))
        #expect(problem.message.contains("crosses itself"))
        #expect(problem.line == 7)
    }

    @Test func aZeroLengthLineIsRejected() throws {
        let problems = Fixtures.problems(Self.camera.replacingOccurrences(of: "to: [0.5, 0.9]", with: "to: [0.5, 0.2]"))
        let problem = try #require(Fixtures.problem(at: "cameras[0].occupancy.lines[0].to", in: problems))
        #expect(problem.message.contains("zero length"))
        #expect(problem.line == 12)
    }

    @Test func anUnknownZoneInAnAreaIsRejected() throws {
        let problems = Fixtures.problems(Self.camera + """

            occupancy:
              areas:
                - name: branch
                  zones: [lobby/reading, lobby/stacks]
            """)
        let problem = try #require(Fixtures.problem(at: "occupancy.areas[0].zones[1]", in: problems))
        #expect(problem.message.contains("unknown zone 'lobby/stacks'") && problem.message.contains("its zones: reading"))
        #expect(problem.line == 17)
    }

    @Test func anIntervalThatDoesNotDivideAnHourIsRejected() throws {
        let problems = Fixtures.problems(Self.camera + """

            occupancy:
              interval: 7m
            """)
        let problem = try #require(Fixtures.problem(at: "occupancy.interval", in: problems))
        #expect(problem.message.contains("divide an hour"))
        #expect(problem.line == 15)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = Fixtures.problems("""
            cameras:
              - name: lobby
                url: samples/library-walk-720p.mp4
                occupancy:
                  zones:
                    - name: a
                      polygon: [[0, 0], [2, 0], [1, 1]]
                  lines:
                    - name: a
                      from: [0, 0]
                      to: [1, 1]
                      inside: up
                  doors: []
            occupancy:
              interval: 7m
              minimumCount: 0
            """)
        #expect(Set(problems.map(\.path)) == ["cameras[0].occupancy.zones[0].polygon[1][0]", "cameras[0].occupancy.lines[0].inside",
                                               "cameras[0].occupancy.doors", "occupancy.interval", "occupancy.minimumCount"])
    }
}

@Suite struct OccupancyExampleTests {
    @Test func theExampleConfigurationCountsOnTheSample() throws {
        let configuration = try VeilConfiguration.load(path: Fixtures.repositoryRoot + "/veil.example.yaml")
        let walk = try #require(configuration.camera(named: "library-walk"))
        #expect(walk.occupancy.zones.map(\.name) == ["right-half"] && walk.occupancy.lines.map(\.name) == ["path"])
        #expect(configuration.occupancy.areas.map(\.name) == ["branch"])
        #expect(configuration.occupancy.interval == 300 && configuration.occupancy.minimumCount == 3)
    }
}
