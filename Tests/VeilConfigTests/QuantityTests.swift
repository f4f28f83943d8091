import Testing
@testable import VeilConfig

@Suite("Durations, sizes and addresses")
struct QuantityTests {
    @Test(arguments: [("90s", 90.0), ("30m", 1800), ("24h", 86_400), ("30d", 2_592_000), ("1h30m", 5400), ("2w", 1_209_600), ("-1h", -3600)])
    func durations(text: String, seconds: Double) {
        #expect(Quantity.seconds(in: text) == seconds)
    }

    @Test(arguments: ["", "10", "h", "1x", "1.2.3h", "ten minutes"])
    func malformedDurations(text: String) {
        #expect(Quantity.seconds(in: text) == nil)
    }

    @Test(arguments: [("500GB", Int64(500_000_000_000)), ("10GiB", 10_737_418_240), ("1.5 TB", 1_500_000_000_000),
                      ("4096", 4096), ("512mib", 536_870_912)])
    func sizes(text: String, bytes: Int64) {
        #expect(Quantity.bytes(in: text) == bytes)
    }

    @Test(arguments: ["", "GB", "10 gigs", "1e30TB"])
    func malformedSizes(text: String) {
        #expect(Quantity.bytes(in: text) == nil)
    }

    @Test func metricsListenOnLoopbackOnly() throws {
        #expect(try ListenAddress.parse("127.0.0.2:9000").get() == MetricsSettings(host: "127.0.0.2", port: 9000))
        #expect(try ListenAddress.parse("localhost:9464").get().host == "localhost")
        #expect(try ListenAddress.parse("[::1]:9464").get().host == "::1")
        for address in ["0.0.0.0:9464", "192.0.2.1:9464", "[::]:9464", "example.org:80"] {
            #expect(throws: ListenAddress.Failure.notLoopback) { try ListenAddress.parse(address).get() }
        }
        #expect(try ListenAddress.parse("127.0.0.1:0").get().port == 0, "0 picks a free port (tests, several instances)")
        #expect(throws: ListenAddress.Failure.badPort) { try ListenAddress.parse("127.0.0.1:65536").get() }
        #expect(throws: ListenAddress.Failure.malformed) { try ListenAddress.parse("127.0.0.1").get() }
    }

    @Test func closeSpellingsAreSuggested() {
        let keys = ["dataDirectory", "segmentSeconds", "retention", "cameras"]
        #expect(KeySuggestion.closest(to: "data_directory", among: keys) == "dataDirectory")
        #expect(KeySuggestion.closest(to: "camera", among: keys) == "cameras")
        #expect(KeySuggestion.closest(to: "zoom", among: keys) == nil)
    }
}
