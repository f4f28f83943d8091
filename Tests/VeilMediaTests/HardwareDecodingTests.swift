import Foundation
import Testing
import VeilMedia

/// VAAPI is optional: these run on machines without a GPU (as CI's), so they check the paths
/// every machine takes — a clear refusal when VAAPI is required, software when it is optional.
@Suite struct HardwareDecodingTests {
    static let missingDevice = "/nonexistent/dri/renderD128"

    @Test func requiredVAAPIWithoutADeviceIsRefusedNamingIt() throws {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        let error = try #require(throws: MediaError.self) {
            try Decoder(demuxer: demuxer, stream: video, hardware: .vaapi(device: Self.missingDevice))
        }
        #expect(error.description.contains("VAAPI device \(Self.missingDevice)"))
        #expect(error.description.contains("decode on the CPU"), "says what to do: \(error)")
    }

    @Test func automaticFallsBackToSoftwareAndDecodesEveryFrame() throws {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        let decoder = try Decoder(demuxer: demuxer, stream: video, hardware: .automatic(device: Self.missingDevice))
        #expect(!decoder.usesHardware)
        let packet = try Packet(), frame = try Frame()
        var frames = 0
        while try demuxer.read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            _ = try decoder.send(packet)
            while try decoder.receive(into: frame) == .ready { frames += 1 }
        }
        try decoder.sendEndOfStream()
        while try decoder.receive(into: frame) == .ready { frames += 1 }
        #expect(frames == 375)
    }

    @Test func modesMapToDevices() {
        #expect(HardwareDecoding(mode: .none) == .none)
        #expect(HardwareDecoding(mode: .vaapi) == .vaapi(device: HardwareDecoding.defaultDevice))
        #expect(HardwareDecoding(mode: .auto, device: "/dev/dri/renderD129") == .automatic(device: "/dev/dri/renderD129"))
    }
}
