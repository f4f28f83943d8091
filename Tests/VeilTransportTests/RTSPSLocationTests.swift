import Testing
import VeilTransport

/// Camera URLs become the local URL FFmpeg opens through the relay.
@Suite struct RTSPSLocationTests {
    @Test func hostPortPathAndCredentialsAreKept() throws {
        let location = try #require(RTSPSLocation(url: "rtsps://viewer:s3cret@camera.local:8322/stream1?channel=2"))
        #expect(location.host == "camera.local" && location.port == 8322 && location.pathAndQuery == "/stream1?channel=2")
        #expect(location.relayedURL(localPort: 40000) == "rtsp://viewer:s3cret@127.0.0.1:40000/stream1?channel=2")
    }

    @Test func defaultPortIs322() throws {
        let location = try #require(RTSPSLocation(url: "rtsps://10.0.0.7/live"))
        #expect(location.port == 322 && location.host == "10.0.0.7")
        #expect(location.relayedURL(localPort: 1234) == "rtsp://127.0.0.1:1234/live")
    }

    @Test func bracketedIPv6() throws {
        let location = try #require(RTSPSLocation(url: "rtsps://[fd00::7]:555/a"))
        #expect(location.host == "fd00::7" && location.port == 555)
    }

    @Test(arguments: ["rtsp://camera/live", "rtsps://", "rtsps://camera:99999/x", "rtsps://camera:abc/x", "rtsps://:322/x"])
    func rejectsWhatIsNotAnRTSPSURL(_ url: String) {
        #expect(RTSPSLocation(url: url) == nil)
    }
}
