import Testing
@testable import VeilConfig
import VeilCore

/// `web:`: HTTPS everywhere but loopback, and every mistake reported with its path.
@Suite struct WebConfigurationTests {
    @Test func loopbackWithoutTLSServesPlainHTTP() throws {
        let configuration = try Fixtures.parse("web: {listen: \"127.0.0.1:8080\"}\n" + Fixtures.sampleCamera)
        #expect(configuration.web == WebSettings(host: "127.0.0.1", port: 8080, tls: .none))
    }

    @Test func noWebSectionServesNothing() throws {
        #expect(try Fixtures.parse(Fixtures.sampleCamera).web == nil)
    }

    @Test func plainHTTPOnANetworkAddressIsRefusedAtConfigCheck() throws {
        let problems = Fixtures.problems("web: {listen: \"0.0.0.0:8443\"}\n" + Fixtures.sampleCamera)
        let problem = Fixtures.problem(at: "web.listen", in: problems)
        #expect(problem?.message.contains("needs HTTPS") == true)
        #expect(problem?.line == 1)
    }

    @Test func selfSignedAndSessionLimits() throws {
        let configuration = try Fixtures.parse("""
            web:
              listen: "0.0.0.0:8443"
              tls: {selfSigned: true}
              session: {idle: 10m, absolute: 8h}
            """ + "\n" + Fixtures.sampleCamera)
        #expect(configuration.web?.tls == .selfSigned)
        #expect(configuration.web?.sessionIdleTimeout == 600)
        #expect(configuration.web?.sessionLifetime == 28_800.0, "\(String(describing: configuration.web?.sessionLifetime))")
    }

    @Test func certificateFilesMustExistAndModesMustNotMix() {
        let missing = Fixtures.problems("web: {listen: \"0.0.0.0:8443\", tls: {certificate: nope.crt, key: nope.key}}\n"
                                        + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "web.tls.certificate", in: missing)?.message.contains("does not exist") == true)
        #expect(Fixtures.problem(at: "web.tls.key", in: missing) != nil)
        let mixed = Fixtures.problems("web: {listen: \"0.0.0.0:8443\", tls: {selfSigned: true, certificate: a.crt, key: a.key}}\n"
                                      + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "web.tls.selfSigned", in: mixed) != nil)
        let unknown = Fixtures.problems("web: {listen: \"127.0.0.1:8443\", port: 9}\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "web.port", in: unknown) != nil)
        let idle = Fixtures.problems("web: {listen: \"127.0.0.1:1\", session: {idle: 2h, absolute: 1h}}\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "web.session.idle", in: idle) != nil)
    }
}
