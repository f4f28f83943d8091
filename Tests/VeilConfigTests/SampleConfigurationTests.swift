import Testing
import VeilCore
@testable import VeilConfig
import VeilVision
import VeilPipeline

@Suite("veil.example.yaml")
struct SampleConfigurationTests {
    let configuration: VeilConfiguration

    init() throws {
        configuration = try VeilConfiguration.load(path: Fixtures.repositoryRoot + "/veil.example.yaml")
    }

    @Test func loadsWithBothCameras() {
        #expect(configuration.cameras.map(\.name) == ["entrance", "library-walk"])
        #expect(configuration.dataDirectory == "/var/lib/veil")
        #expect(configuration.retention == RetentionSettings())
        #expect(configuration.metrics == MetricsSettings(host: "127.0.0.1", port: 9464))
    }

    @Test func networkCameraReadsItsPasswordFromAFile() throws {
        guard case .network(let source) = try #require(configuration.camera(named: "entrance")).source else {
            Issue.record("entrance should be a network camera")
            return
        }
        #expect(source.url == "rtsp://192.0.2.10:554/stream1")
        #expect(source.transport == .tcp)
        #expect(source.security == .plaintext)
        #expect(source.credentials?.username == "veil")
        #expect(source.credentials?.password == .file(path: "/etc/veil/entrance.password"))
    }

    @Test func fileCameraIsLoopedAndPacedFromTheRepository() throws {
        let camera = try #require(configuration.camera(named: "library-walk"))
        #expect(camera.source == .file(FileSource(path: Fixtures.repositoryRoot + "/samples/library-walk-720p.mp4",
                                                  loop: true, pace: true)))
    }

    @Test func entranceOverridesApply() throws {
        let entrance = try #require(configuration.camera(named: "entrance"))
        #expect(configuration.detectorSettings(for: entrance).face.scoreThreshold == 0.5)
        let options = configuration.redactionOptions(for: entrance)
        #expect(options.schedule.cadence(of: .face) == 3)
        #expect(options.schedule.cadence(of: .person) == 5)
        #expect(options.masks.zones == [Polygon([Point(x: 0, y: 0), Point(x: 320, y: 0),
                                                 Point(x: 320, y: 180), Point(x: 0, y: 180)])])
        #expect(options.problems.isEmpty)
    }

    @Test func writtenDefaultsAreTheRealDefaults() {
        // The sample documents every default by writing it out; if a default changes in
        // code, this fails until the sample is updated.
        #expect(configuration.redaction == RedactionSettings.cameraDefaults)
        #expect(configuration.segmentSeconds == VeilConfiguration().segmentSeconds)
        #expect(configuration.storage == StorageLimits())
    }
}
