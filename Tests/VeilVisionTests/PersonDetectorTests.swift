import Testing
import VeilCore
import VeilVision
import VeilTestSupport

@Suite
struct PersonDetectorTests {
    /// vtest.avi, 768×576: frame 0 shows 3 people, frame 100 three, frame 200 seven.
    @Test(arguments: [(0, 3), (100, 3), (200, 6)])
    func yoloFindsThePeopleWalking(frame: Int, atLeast: Int) throws {
        let detector = try PersonDetector(manifest: try Fixtures.manifest(), options: .init(closeRangeThreshold: nil))
        let image = try Fixtures.frame(Fixtures.vtest(frame: frame))
        let all = try image.withPlanes { try detector.detect(in: $0) }
        // The default threshold (0.05) keeps doubtful boxes too, on purpose: masking a bollard
        // is the safe mistake. The decode is checked on the confident ones.
        let people = all.filter { $0.score >= 0.3 }
        #expect(people.count >= atLeast, "frame \(frame): \(people.count) people")
        #expect(all.allSatisfy { $0.kind == .person && $0.box.width > 0 && $0.box.height > 0 })
        for person in people {
            #expect(person.kind == .person)
            // Standing people seen from above: taller than wide, 40…200 px tall, inside the frame
            // (at 0.3–0.5 also parts of them: a head and shoulders, 20 px and up).
            if person.score >= 0.5 {
                #expect(person.box.height > person.box.width)
                #expect(person.box.height > 40 && person.box.height < 200)
            }
            #expect(person.box.height > 20 && person.box.height < 200)
            #expect(person.box.minX > -10 && person.box.maxX < 778 && person.box.maxY < 586)
        }
    }

    /// The int8 network on OpenVINO finds the people the float one is sure of, in about the
    /// same place; on OpenCV DNN, which cannot run it, the float network stands in.
    @Test(arguments: [0, 200])
    func int8FindsWhatTheFloatNetworkIsSureOf(frame: Int) throws {
        let manifest = try Fixtures.manifest()
        let openVINO = InferenceOptions(backend: .openvino, threads: 2)
        let float = try PersonDetector(manifest: manifest, options: .init(closeRangeThreshold: nil), inference: openVINO)
        let int8 = try PersonDetector(manifest: manifest, options: .init(model: .yoloV3TinyInt8, closeRangeThreshold: nil),
                                      inference: openVINO)
        let image = try Fixtures.frame(Fixtures.vtest(frame: frame))
        let (sure, quantised) = try image.withPlanes { (try float.detect(in: $0).filter { $0.score >= 0.5 }, try int8.detect(in: $0)) }
        #expect(!sure.isEmpty)
        for person in sure {
            #expect(quantised.contains { $0.box.iou(person.box) >= 0.5 }, "frame \(frame): int8 lost \(person.box)")
        }
        let fallback = try PersonDetector(manifest: manifest, options: .init(model: .yoloV3TinyInt8, closeRangeThreshold: nil),
                                          inference: InferenceOptions(backend: .opencv))
        #expect(fallback.runtimeDescription == "OpenCV DNN")
        #expect(try image.withPlanes { try fallback.detect(in: $0) }.filter { $0.score >= 0.5 }.count >= sure.count - 1)
    }

    @Test func yoloAt320StillFindsPeople() throws {
        let detector = try PersonDetector(manifest: try Fixtures.manifest(), options: .init(inputSize: 320))
        let image = try Fixtures.frame(Fixtures.vtest(frame: 200))
        let people = try image.withPlanes { try detector.detect(in: $0) }
        #expect(people.count >= 3)
    }

    /// The optional SSDLite network: fewer small people than YOLO, but the near ones.
    @Test func ssdLiteFindsPeopleToo() throws {
        let detector = try PersonDetector(manifest: try Fixtures.manifest(),
                                          options: .init(model: .ssdLite, scoreThreshold: 0.3))
        let image = try Fixtures.frame(Fixtures.vtest(frame: 200))
        let people = try image.withPlanes { try detector.detect(in: $0) }
        #expect(people.count >= 4)
        #expect(people.allSatisfy { $0.kind == .person && $0.box.height > $0.box.width })
    }

    @Test func inputSizeMustBeAMultipleOf32() throws {
        #expect { try PersonDetector(manifest: try Fixtures.manifest(), options: .init(inputSize: 400)) }
            throws: { ($0 as? VisionError)?.code == .invalidArgument }
    }
}
