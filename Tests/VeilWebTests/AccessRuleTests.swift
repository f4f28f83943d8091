import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import VeilVault
import VeilStaff
@testable import VeilWeb

/// Who may reach what: nothing without a login, exports for exporters, status for admins.
@Suite struct AccessRuleTests {
    static let viewerPaths = ["/api/cameras", "/api/cameras/room/footage?from=-1h&to=now", "/cameras/room/live.m3u8",
                              "/cameras/room/live/0.m4s", "/cameras/room/recorded.m3u8?from=-1h&to=now", "/api/session"]
    static let pages = ["/", "/cameras/room", "/status"]

    @Test func withoutASessionTheAPIAnswers401AndPagesRedirectToLogin() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            for path in Self.viewerPaths + ["/api/status", "/static/console.js", "/exports/0123/clip.mp4"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .unauthorized, "\(path)")
            }
            for path in Self.pages {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
            }
            let export = try await client.execute(uri: "/api/exports", method: .post, headers: [.contentType: "application/json"],
                                                  body: ByteBuffer(string: #"{"camera":"room","from":"-1h","to":"now"}"#))
            #expect(export.status == .unauthorized)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.authorization: "Bearer veil_wrong"]).status == .unauthorized)
        }
    }

    @Test func eachRoleReachesWhatItMayAndIsRefusedTheRest() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let viewer = try await fixture.logIn(client, as: "viewer")
            let exporter = try await fixture.logIn(client, as: "exporter")
            let admin = try await fixture.logIn(client, as: "admin")
            let exportBody = #"{"camera":"room","from":"-1h","to":"now"}"#
            func export(_ session: (cookie: String, csrf: String)) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/exports", method: .post,
                                         headers: [.cookie: session.cookie, .contentType: "application/json",
                                                   AccessControl.csrfHeader: session.csrf],
                                         body: ByteBuffer(string: exportBody)).status
            }
            func get(_ path: String, _ session: (cookie: String, csrf: String)) async throws -> HTTPResponse.Status {
                try await client.execute(uri: path, method: .get, headers: [.cookie: session.cookie]).status
            }
            #expect(try await export(viewer) == .forbidden)
            // Allowed through: the camera has no footage in this empty data directory.
            #expect(try await export(exporter) == .notFound)
            #expect(try await export(admin) == .notFound)
            #expect(try await get("/api/status", viewer) == .forbidden)
            #expect(try await get("/api/status", exporter) == .forbidden)
            #expect(try await get("/api/status", admin) == .ok)
            #expect(try await get("/status", viewer) == .forbidden)
            for path in ["/api/cameras", "/", "/cameras/room", "/static/console.js"] {
                #expect(try await get(path, viewer) == .ok, "\(path)")
            }
        }
    }

    @Test func anAPITokenCarriesItsUsersRole() async throws {
        let fixture = try ConsoleFixture()
        let token = try fixture.services.accounts.issueToken(name: "viewer").token
        try await fixture.application.test(.router) { client in
            let cameras = try await client.execute(uri: "/api/cameras", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(cameras.status == .ok)
            let names = try #require(try JSONSerialization.jsonObject(with: Data(buffer: cameras.body)) as? [[String: Any]]).map { $0["name"] as? String }
            #expect(names == ["room"])
            let export = try await client.execute(uri: "/api/exports", method: .post,
                                                  headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                  body: ByteBuffer(string: #"{"camera":"room","from":"-1h","to":"now"}"#))
            #expect(export.status == .forbidden)
        }
    }

    @Test func noPathLeadsToRawFootage() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let admin = try await fixture.logIn(client, as: "admin")
            for path in ["/raw/room", "/api/raw", "/vault", "/api/unlock", "/cameras/room/raw.m3u8", "/../raw/room"] {
                let status = try await client.execute(uri: path, method: .get, headers: [.cookie: admin.cookie]).status
                #expect(status == .notFound, "\(path)")
            }
        }
    }
}
