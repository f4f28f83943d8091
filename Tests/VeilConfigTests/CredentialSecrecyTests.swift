import Foundation
import Testing
@testable import VeilConfig

/// Credentials never reach a message, a description or a dump.
@Suite("Credential secrecy")
struct CredentialSecrecyTests {
    static let secret = "hunter2-s3cret"

    @Test func credentialsPrintAsStars() {
        let credentials = CameraCredentials(username: "veil", password: .inline(Self.secret))
        let camera = CameraConfiguration(name: "door", source: .network(NetworkSource(
            url: "rtsp://192.0.2.1/a", credentials: credentials)))
        var dumped = ""
        dump(camera, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), "\(camera)", String(reflecting: camera), dumped] {
            #expect(!text.contains(Self.secret), "leaked in: \(text)")
        }
        #expect("\(credentials)" == "***")
    }

    @Test func userInformationInTheURLMovesIntoCredentials() throws {
        let configuration = try Fixtures.parse("""
            cameras:
              - name: door
                url: rtsp://admin:\(Self.secret)@192.0.2.1:554/live
            """)
        guard case .network(let source) = configuration.cameras[0].source else {
            Issue.record("expected a network camera")
            return
        }
        #expect(source.url == "rtsp://192.0.2.1:554/live")
        #expect(source.credentials?.username == "admin")
        #expect(try source.credentials?.resolvedPassword() == Self.secret)
        #expect(try source.connectionURL() == "rtsp://admin:\(Self.secret)@192.0.2.1:554/live")
    }

    @Test func noMessageShowsAPassword() {
        let problems = Fixtures.problems("""
            cameras:
              - name: a
                url: rtsp://admin:\(Self.secret)@192.0.2.1/live
                credentials: {username: admin, password: \(Self.secret)}
              - name: b
                url: htp://admin:\(Self.secret)@192.0.2.2/live
              - name: c
                url: rtsp:/admin:\(Self.secret)@192.0.2.3/live
              - name: d
                url: rtsp://192.0.2.4/live
                credentials: {username: admin, password: \(Self.secret), passwordFile: /x, colour: blue}
              - name: e
                url: rtsp://192.0.2.5/live
                credentials: {username: admin, password: [\(Self.secret)]}
              - name: f
                url: file://admin:\(Self.secret)@host/video.mp4
              - name: g
                url: "rtsp://admin:123#\(Self.secret)@192.0.2.7/live"
            """)
        #expect(problems.map(\.path) == ["cameras[0].url", "cameras[1].url", "cameras[2].url",
                                         "cameras[3].credentials.colour", "cameras[3].credentials",
                                         "cameras[4].credentials.password", "cameras[5].url", "cameras[6].url"])
        for problem in problems {
            #expect(!problem.description.contains(Self.secret), "leaked in: \(problem)")
        }
        #expect(problems[0].message.contains("'rtsp://***@192.0.2.1/live'"))
    }

    @Test func passwordFileIsReadWhenAsked() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("veil-config-test-\(UUID()).password")
        try Data("\(Self.secret)\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let credentials = CameraCredentials(username: "veil", password: .file(path: file.path))
        #expect(try credentials.resolvedPassword() == Self.secret)
        let missing = CameraCredentials(username: "veil", password: .file(path: file.path + ".missing"))
        #expect(throws: PasswordFileError.self) { try missing.resolvedPassword() }
    }
}
