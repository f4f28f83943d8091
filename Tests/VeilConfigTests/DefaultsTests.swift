import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision
@testable import VeilConfig

@Suite("Defaults")
struct DefaultsTests {
    @Test func aCameraAloneGetsEveryDefault() throws {
        let configuration = try Fixtures.parse(Fixtures.sampleCamera)
        #expect(configuration.dataDirectory == "/var/lib/veil")
        #expect(configuration.segmentSeconds == 10)
        #expect(configuration.retention.raw == 24 * 3600)
        #expect(configuration.retention.redacted == 30 * 86_400)
        #expect(configuration.retention.epochLength == 3600)
        #expect(configuration.retention.maxHold == 30 * 86_400)
        #expect(configuration.officers.isEmpty)
        #expect(configuration.storage.maxBytes == nil)
        #expect(configuration.storage.minFreeBytes == 1 << 30)
        #expect(configuration.metrics.host == "127.0.0.1" && configuration.metrics.port == 9464)
        #expect(configuration.redaction == RedactionSettings.cameraDefaults)
    }

    @Test func fileCameraDefaultsArePacedNotLooped() throws {
        let camera = try #require(try Fixtures.parse(Fixtures.sampleCamera).cameras.first)
        guard case .file(let file) = camera.source else {
            Issue.record("expected a file camera")
            return
        }
        #expect(file.pace && !file.loop)
    }

    @Test func defaultRedactionOptionsMatchTheOfflineDefaultsButTheTuneAndTheMotionNet() throws {
        let configuration = try Fixtures.parse(Fixtures.sampleCamera)
        var options = configuration.redactionOptions(for: configuration.cameras[0])
        #expect(options.encoder.tune == EncoderSettings.liveTune)
        #expect(options.motionNet == MotionNet.Configuration(), "cameras have the motion net, files do not")
        #expect(options.effectiveLookaheadFrames == 5)
        options.encoder.tune = nil
        options.motionNet = nil
        #expect(options == RedactionOptions())
        let detectors = configuration.detectorSettings(for: configuration.cameras[0])
        #expect(detectors.face == FaceDetector.Options())
        #expect(detectors.person == PersonDetector.Options())
    }

    @Test func networkCameraDefaultsToTCPWithoutTLS() throws {
        let configuration = try Fixtures.parse("""
            cameras:
              - name: door
                url: rtsp://camera.local/stream
            """)
        #expect(configuration.cameras[0].source == .network(NetworkSource(url: "rtsp://camera.local/stream")))
    }

    @Test func valuesAreReadWithTheirUnits() throws {
        let configuration = try Fixtures.parse("""
            dataDirectory: data
            segmentSeconds: 6
            retention: {raw: 90m, redacted: 2w, epochLength: 15m, maxHold: 0s}
            officers: [alice, Bob.Smith]
            storage: {maxBytes: 500GB, minFreeBytes: 10GiB}
            metrics: {listen: "[::1]:9100"}
            \(Fixtures.sampleCamera)
            """)
        #expect(configuration.dataDirectory == Fixtures.repositoryRoot + "/data")
        #expect(configuration.segmentSeconds == 6)
        #expect(configuration.retention == RetentionSettings(raw: 5400, redacted: 14 * 86_400, epochLength: 900, maxHold: 0))
        #expect(configuration.officers == ["alice", "Bob.Smith"])
        #expect(configuration.storage == StorageLimits(maxBytes: 500_000_000_000, minFreeBytes: 10 * 1_073_741_824))
        #expect(configuration.metrics == MetricsSettings(host: "::1", port: 9100))
    }
}
