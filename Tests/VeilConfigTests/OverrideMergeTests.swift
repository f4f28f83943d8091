import Testing
import VeilCore
import VeilMedia
import VeilVision
@testable import VeilConfig
import VeilPipeline

@Suite("Overrides")
struct OverrideMergeTests {
    @Test func cameraOverridesReplaceOnlyWhatTheySet() throws {
        let configuration = try Fixtures.parse("""
            redaction:
              style: pixelate
              pixelateBlock: 24
              faceCadence: 2
              headsOnly: true
              deferMaskedChangeFrames: 6
              encoder: {preset: fast}
            cameras:
              - name: plain
                url: samples/library-walk-720p.mp4
              - name: tuned
                url: samples/library-walk-720p.mp4
                zones: [[[10, 10], [50, 10], [50, 40]]]
                overrides:
                  pixelateBlock: 32
                  personThreshold: 0.45
                  personModel: ssdLite
                  holdFrames: 40
                  stalenessFrames: 30
                  stillSceneReuseFrames: 0
                  hardwareDecoding: auto
                  vaapiDevice: /dev/dri/renderD129
                  margin: 0.25
                  keepAudio: true
                  encoder: {crf: 28}
            """)
        let plain = configuration.redactionOptions(for: configuration.cameras[0])
        #expect(plain.style == .pixelate(block: 24))
        #expect(plain.schedule.cadence(of: .face) == 2)
        #expect(plain.masks.maskWholeBody == false)
        #expect(plain.encoder.preset == "fast")
        #expect(plain.masks.zones.isEmpty)
        #expect(plain.stillScene?.maximumReuseFrames == 50)
        #expect(plain.stillScene?.maximumDeferFrames == 6)

        let tuned = configuration.redactionOptions(for: configuration.cameras[1])
        #expect(tuned.style == .pixelate(block: 32))
        #expect(tuned.schedule.cadence(of: .face) == 2)
        #expect(tuned.schedule.cadence(of: .person) == 5)
        #expect(tuned.masks.maskWholeBody == false)
        #expect(tuned.tracker.holdFrames == 40)
        #expect(tuned.masks.stalenessFrames == 30)
        #expect(tuned.masks.margin == 0.25)
        #expect(tuned.stillScene == nil, "0 runs every due detector")
        #expect(tuned.hardwareDecoding == .automatic(device: "/dev/dri/renderD129"))
        #expect(plain.hardwareDecoding == .none)
        #expect(plain.encoder.tune == "zerolatency", "cameras encode without holding frames back by default")
        #expect(tuned.encoder.tune == "zerolatency", "an encoder override without a tune keeps it")
        #expect(tuned.keepAudio)
        #expect(tuned.encoder.preset == "fast" && tuned.encoder.crf == 28 && tuned.encoder.codecName == "libx264")
        #expect(tuned.masks.zones == [Polygon([Point(x: 10, y: 10), Point(x: 50, y: 10), Point(x: 50, y: 40)])])
        #expect(tuned.problems.isEmpty)

        let detectors = configuration.detectorSettings(for: configuration.cameras[1])
        #expect(detectors.person.model == .ssdLite)
        #expect(detectors.person.scoreThreshold == 0.45)
        #expect(detectors.face.scoreThreshold == FaceDetector.Options().scoreThreshold)
    }

    @Test func tuneNoneTurnsTheCameraTuneOff() throws {
        let configuration = try Fixtures.parse("""
            redaction:
              encoder: {tune: none}
            cameras:
              - name: plain
                url: samples/library-walk-720p.mp4
            """)
        #expect(configuration.redactionOptions(for: configuration.cameras[0]).encoder.tune == nil)
    }

    @Test func emptyOverridesChangeNothing() {
        var settings = RedactionSettings()
        settings.faceThreshold = 0.7
        #expect(settings.applying(RedactionOverrides()) == settings)
    }
}
