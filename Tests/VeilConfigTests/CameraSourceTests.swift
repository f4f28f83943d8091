import Testing
@testable import VeilConfig

/// Which keys each kind of camera source takes, and how TLS is required.
@Suite("Camera sources")
struct CameraSourceTests {
    static let pin = String(repeating: "AB:", count: 31) + "AB"

    @Test func rtspsTakesAPinAndACAFile() throws {
        let configuration = try Fixtures.parse("""
            cameras:
              - name: secure
                url: RTSPS://camera.local:322/stream
                transport: udp
                tls:
                  caFile: veil.example.yaml
                  pinSHA256: "\(Self.pin)"
            """)
        let expected = NetworkSource(url: "rtsps://camera.local:322/stream", transport: .udp, security: .tls(
            TLSVerification(caFile: Fixtures.repositoryRoot + "/veil.example.yaml",
                            pinnedSHA256: String(repeating: "ab", count: 32))))
        #expect(configuration.cameras[0].source == .network(expected))
    }

    @Test func tlsIsRequiredForRtspsAndRefusedElsewhere() {
        let problems = Fixtures.problems("""
            cameras:
              - name: a
                url: rtsps://camera.local/stream
              - name: b
                url: rtsp://camera.local/stream
                tls: {pinSHA256: "\(Self.pin)"}
              - name: c
                url: rtsps://camera.local/stream
                tls: {pinSHA256: abc, caFile: /nonexistent/ca.pem}
              - name: d
                url: rtsps://camera.local/stream
                tls: {}
            """)
        #expect(problems.map(\.path) == ["cameras[0]", "cameras[1].tls", "cameras[2].tls.caFile",
                                         "cameras[2].tls.pinSHA256", "cameras[3].tls"])
        #expect(problems[1].message == "applies only to rtsps:// URLs: use rtsps:// or remove tls")
    }

    @Test func fileOnlyAndNetworkOnlyKeysStayWithTheirKind() {
        let problems = Fixtures.problems("""
            cameras:
              - name: net
                url: rtsp://camera.local/stream
                loop: true
              - name: file
                url: file://\(Fixtures.repositoryRoot)/samples/library-walk-720p.mp4
                transport: tcp
                credentials: {username: a, password: b}
            """)
        #expect(problems.map(\.path) == ["cameras[0].loop", "cameras[1].transport", "cameras[1].credentials"])
    }

    @Test func zonesAreCheckedPointByPoint() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: sample
                url: samples/library-walk-720p.mp4
                zones:
                  - [[0, 0], [10, 0]]
                  - [[0, 0], [10, -5], [10, 10]]
                  - [[0, 0], [10], [10, 10]]
                  - "0,0 10,0 10,10"
            """)
        #expect(problems.map(\.path) == ["cameras[0].zones[0]", "cameras[0].zones[1][1][1]",
                                         "cameras[0].zones[2][1]", "cameras[0].zones[3]"])
        #expect(problems[1].message == "must be between 0 and 1000000, got '-5'")
    }

    @Test func namesAndDuplicateKeys() {
        let problems = Fixtures.problems("""
            cameras:
              - name: Front Door
                url: samples/library-walk-720p.mp4
              - url: samples/library-walk-720p.mp4
              - name: ok
                name: again
                url: samples/library-walk-720p.mp4
            """)
        #expect(problems.map(\.path) == ["cameras[0].name", "cameras[1]", "cameras[2].name"])
        #expect(problems[2].message == "appears twice (first on line 5)")
    }
}
