import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import VeilWeb
import VeilCore
import VeilVault
import VeilStaff

/// Sessions expire, state changes need the CSRF token, logins are rate-limited and audited.
@Suite struct SessionTests {
    @Test func theCookieIsSecureHttpOnlyAndStrict() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                                    body: ByteBuffer(string: #"{"user":"viewer","password":"viewer-password-1"}"#))
            let cookie = try #require(response.headers[.setCookie])
            for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute), "\(cookie)") }
        }
    }

    @Test func aSessionEndsWhenIdleAndAtItsAbsoluteLimit() async throws {
        let fixture = try ConsoleFixture(settings: WebSettings(sessionIdleTimeout: 600, sessionLifetime: 3600))
        try await fixture.application.test(.router) { client in
            let idle = try await fixture.logIn(client, as: "viewer")
            fixture.clock.advance(599)
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: idle.cookie]).status == .ok)
            fixture.clock.advance(599)
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: idle.cookie]).status == .ok)
            fixture.clock.advance(601)
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: idle.cookie]).status == .unauthorized)

            let busy = try await fixture.logIn(client, as: "viewer")
            for _ in 0..<7 {  // used every 9 minutes: never idle, but past the hour
                fixture.clock.advance(540)
                _ = try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: busy.cookie])
            }
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: busy.cookie]).status == .unauthorized)
        }
    }

    @Test func stateChangesWithoutTheCSRFTokenOrFromAnotherSiteAreRefused() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let session = try await fixture.logIn(client, as: "exporter")
            let body = #"{"camera":"room","from":"-1h","to":"now"}"#
            let forged = try await client.execute(uri: "/api/exports", method: .post,
                                                  headers: [.cookie: session.cookie, .contentType: "application/json"],
                                                  body: ByteBuffer(string: body))
            #expect(forged.status == .forbidden)
            #expect(String(buffer: forged.body).contains("X-CSRF-Token"))
            let wrong = try await client.execute(uri: "/api/session", method: .delete,
                                                 headers: [.cookie: session.cookie, AccessControl.csrfHeader: String(repeating: "0", count: 64)])
            #expect(wrong.status == .forbidden)
            let crossSite = try await client.execute(
                uri: "/api/session", method: .delete,
                headers: [.cookie: session.cookie, AccessControl.csrfHeader: session.csrf, .origin: "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            let logout = try await client.execute(uri: "/api/session", method: .delete,
                                                  headers: [.cookie: session.cookie, AccessControl.csrfHeader: session.csrf])
            #expect(logout.status == .noContent)
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: session.cookie]).status == .unauthorized)
            #expect(try fixture.auditActions.suffix(2) == ["web:exporter web.login", "web:exporter web.logout"])
        }
    }

    @Test func wrongPasswordsAreRefusedAuditedAndThenThrottled() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: "{\"user\":\"viewer\",\"password\":\"\(password)\"}"))
            }
            for _ in 0..<5 { #expect(try await attempt("guess-guess-guess").status == .unauthorized) }
            let throttled = try await attempt("viewer-password-1")
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
            #expect(try fixture.auditActions.filter { $0 == "web:viewer web.login.failed" }.count == 5)
            #expect(try fixture.auditActions.last == "web:viewer web.login.throttled")
            fixture.clock.advance(LoginThrottle.Limits().window)
            #expect(try await attempt("viewer-password-1").status == .noContent)
        }
    }

    @Test func aRemovedUsersSessionEndsAtTheirNextRequest() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let session = try await fixture.logIn(client, as: "viewer")
            try fixture.services.accounts.remove(name: "viewer")
            #expect(try await client.execute(uri: "/api/cameras", method: .get, headers: [.cookie: session.cookie]).status == .unauthorized)
        }
    }
}

/// The throttle on its own: per user and per address, sliding window.
@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 0)

    @Test func fiveFailuresOfOneUserBlockThatUserOnly() {
        var throttle = LoginThrottle()
        for i in 0..<5 { throttle.recordFailure(user: "a", address: "10.0.0.1", now: start.addingTimeInterval(Double(i))) }
        let wait = throttle.retryAfter(user: "a", address: "10.0.0.2", now: start.addingTimeInterval(10))
        #expect(wait == LoginThrottle.Limits().window - 10)
        #expect(throttle.retryAfter(user: "b", address: "10.0.0.1", now: start.addingTimeInterval(10)) == nil)
        #expect(throttle.retryAfter(user: "a", address: "10.0.0.2", now: start.addingTimeInterval(LoginThrottle.Limits().window)) == nil)
    }

    @Test func oneAddressGuessingManyUsersIsBlockedAndASuccessDoesNotLiftIt() {
        var throttle = LoginThrottle()
        for i in 0..<20 { throttle.recordFailure(user: "user\(i)", address: "10.0.0.9", now: start) }
        #expect(throttle.retryAfter(user: "fresh", address: "10.0.0.9", now: start) != nil)
        throttle.recordSuccess(user: "user3")
        #expect(throttle.retryAfter(user: "fresh", address: "10.0.0.9", now: start) != nil)
        #expect(throttle.retryAfter(user: "fresh", address: "10.0.0.8", now: start) == nil)
    }
}
