import Foundation
import Testing
import VeilMedia
import VeilVision
import VeilTestSupport

/// The staff console against a real `veil record` (the sample as a looped file camera), over
/// curl as a script would use it and in Debian's chromium as staff would.
@Suite(.serialized) struct ConsoleTests {
    @Test func theConsoleServesOnlyRedactedVideoToLoggedInStaff() throws {
        let recorder = try ConsoleRecorder(web: "web: {listen: \"127.0.0.1:0\"}")
        defer { recorder.stop() }
        let http = HTTPClient(base: recorder.url)

        // Nothing without a login: 401 from the API and media, a redirect from pages.
        for path in ["/api/cameras", "/cameras/room/live.m3u8", "/cameras/room/recorded.m3u8?from=-1m&to=now", "/api/status"] {
            #expect(try http.request("GET", path).status == 401, "\(path)")
        }
        let page = try http.request("GET", "/cameras/room")
        #expect(page.status == 303 && page.headers["location"] == "/login?next=/cameras/room")

        // A wrong password is refused and audited.
        #expect(try http.request("POST", "/api/session", json: #"{"user":"viewer1","password":"wrong-password-here"}"#).status == 401)
        let viewer = try http.logIn("viewer1", password: ConsoleRecorder.password)
        let exporter = try http.logIn("exporter1", password: ConsoleRecorder.password)

        let cameras = try http.request("GET", "/api/cameras", headers: viewer.headers).json as? [[String: Any]]
        #expect(cameras?.first?["name"] as? String == "room")
        try recorder.wait(30, for: "the camera to record") {
            let state = (try http.request("GET", "/api/cameras", headers: viewer.headers).json as? [[String: Any]])?.first
            return state?["state"] as? String == "recording" && state?["width"] as? Int == 1280
        }

        // The live playlist and its segments are HLS/fMP4 at the camera's size.
        try recorder.wait(30, for: "three live segments") {
            try http.request("GET", "/cameras/room/live.m3u8", headers: viewer.headers).text.components(separatedBy: ".m4s").count > 3
        }
        let playlist = try http.request("GET", "/cameras/room/live.m3u8", headers: viewer.headers)
        #expect(playlist.headers["content-type"] == "application/vnd.apple.mpegurl")
        let live = try LiveSegments(playlist: playlist.text, http: http, headers: viewer.headers)
        #expect(live.stream.width == 1280 && live.stream.height == 720)
        #expect(live.frames.count >= 40, "two or more 1 s segments of a 25 fps camera")
        #expect(live.faces.isEmpty, "faces a detector finds at 0.3 in the live view: \(live.faces.prefix(5))")

        // A recorded range plays the very frames `veil export` gives for it, and an export made
        // through the API verifies.
        try recorder.wait(40, for: "three recorded segments") { try RedactedFootage(recorder).segments >= 3 }
        let newest = try RedactedFootage(recorder).newest
        let (from, to) = (Self.iso(newest.addingTimeInterval(-7)), Self.iso(newest.addingTimeInterval(-2)))
        let vod = try http.request("GET", "/cameras/room/recorded.m3u8?from=\(from)&to=\(to)", headers: viewer.headers)
        #expect(vod.status == 200 && vod.text.contains("#EXT-X-ENDLIST"))
        let vodFrames = try FrameHashes.ofHLS(recorder.url + "/cameras/room/recorded.m3u8?from=\(from)&to=\(to)", cookie: viewer.cookie)
        let exported = recorder.directory.appendingPathComponent("cli.mp4").path
        let cli = try VeilProcess.run(["export", "--camera", "room", "--from", from, "--to", to, "-o", exported, "--data-dir", recorder.data])
        #expect(cli.status == 0, "\(cli.standardError)")
        let exportedFrames = try FrameHashes.of(file: exported)
        #expect(!vodFrames.isEmpty && vodFrames == exportedFrames, "\(vodFrames.count) frames played, \(exportedFrames.count) exported")

        // Counted while it recorded: the panel's API has the zone's and the line's intervals.
        let counted = try http.request("GET", "/api/occupancy?camera=room&from=-1h&to=now", headers: viewer.headers).json as? [[String: Any]] ?? []
        #expect(counted.contains { $0["zone"] as? String == "right" } && counted.contains { $0["line"] as? String == "path" }, "\(counted)")

        let order = "{\"camera\":\"room\",\"from\":\"\(from)\",\"to\":\"\(to)\",\"exact\":false}"
        #expect(try http.request("POST", "/api/exports", headers: viewer.headers, json: order).status == 403)
        let made = try http.request("POST", "/api/exports", headers: exporter.headers, json: order)
        #expect(made.status == 201, "\(made.text)")
        let urls = try #require(made.json as? [String: Any])
        let clip = try http.request("GET", try #require(urls["clip"] as? String), headers: exporter.headers)
        let manifest = try http.request("GET", try #require(urls["manifest"] as? String), headers: exporter.headers)
        #expect(clip.headers["content-disposition"]?.hasPrefix("attachment") == true)
        #expect(try http.request("GET", try #require(urls["clip"] as? String), headers: viewer.headers).status != 200)
        let downloaded = recorder.directory.appendingPathComponent("web.mp4")
        try clip.body.write(to: downloaded)
        try manifest.body.write(to: URL(fileURLWithPath: downloaded.path + ".manifest.json"))
        let verified = try VeilProcess.run(["verify", downloaded.path, "--data-dir", recorder.data])
        #expect(verified.status == 0, "\(verified.standardOutput) \(verified.standardError)")

        let audit = try VeilProcess.run(["audit", "show", "--data-dir", recorder.data]).standardOutput
        #expect(audit.contains("web.login.failed") && audit.contains("web:viewer1") && audit.contains("web.export"))

        if Browser.isInstalled { try inTheBrowser(recorder, range: (from, to)) }
    }

    /// Logs in, watches the camera play live, sees the timeline and downloads an export.
    private func inTheBrowser(_ recorder: ConsoleRecorder, range: (String, String)) throws {
        let downloads = recorder.directory.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let browser = try Browser(downloads: downloads)
        defer { browser.quit() }
        try browser.open(recorder.url + "/cameras/room")
        #expect(try browser.currentURL.hasSuffix("/login?next=/cameras/room"))
        try browser.type("exporter1", into: "#user")
        try browser.type(ConsoleRecorder.password, into: "#password")
        try browser.click("#login-button")
        try recorder.wait(20, for: "the camera page") { try browser.currentURL.hasSuffix("/cameras/room") }
        var started = 0.0
        try recorder.wait(30, for: "the live video to play") {
            let state = try browser.run("const v = document.getElementById('video'); return v ? [v.currentTime, v.videoWidth] : [0, 0]") as? [Double]
            started = state?[0] ?? 0
            return (state?[1] ?? 0) == 1280 && started > 0.5
        }
        Thread.sleep(forTimeInterval: 3)
        let later = try browser.run("return document.getElementById('video').currentTime") as? Double ?? 0
        #expect(later > started + 1, "currentTime advances while playing (\(started) → \(later))")
        let artefacts = VeilProcess.repositoryRoot.appendingPathComponent(".build/test-artefacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        try browser.screenshot(to: artefacts.appendingPathComponent("console-live.png").path)
        let latencies = try browser.run("return window.veilPlayer.latencies") as? [Double] ?? []
        try LatencyReport.write(latencies, to: artefacts.appendingPathComponent("console-latency.json"))

        try recorder.wait(20, for: "the timeline") {
            (try browser.run("return document.querySelectorAll('#timeline .footage').length") as? Int ?? 0) >= 1
        }
        // The range inputs take local time; the export button sends what they hold.
        _ = try browser.run("""
            const local = (iso) => { const d = new Date(iso); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 19); };
            document.getElementById('from').value = local('\(range.0)'); document.getElementById('to').value = local('\(range.1)');
            """)
        try browser.click("#export")
        try recorder.wait(60, for: "the clip to download") {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: downloads.path)) ?? []
            return names.contains { $0.hasSuffix(".mp4") }
        }
        let clip = try #require(try FileManager.default.contentsOfDirectory(atPath: downloads.path).first { $0.hasSuffix(".mp4") })
        #expect(try FrameHashes.of(file: downloads.appendingPathComponent(clip).path).count > 25)

        // The occupancy panel charts the day's stored intervals: the zone's and the line's.
        try recorder.wait(30, for: "the occupancy panel") {
            let titles = try browser.run("return Array.from(document.querySelectorAll('#occupancy h3')).map((h) => h.textContent)")
                as? [String] ?? []
            if titles.count < 2 { _ = try browser.run("document.getElementById('day').dispatchEvent(new Event('change'))") }
            return titles.contains { $0.hasPrefix("zone right") } && titles.contains { $0.hasPrefix("line path") }
        }
        let bars = try browser.run("return document.querySelectorAll('#occupancy .chart .interval').length") as? Int ?? 0
        #expect(bars >= 2, "a bar per interval and subject: \(bars)")
        // Placed on the day's axis: the newest interval is near the present time of day.
        let offset = try browser.run("""
            const bars = document.querySelectorAll('#occupancy .chart .interval'), now = new Date();
            const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
            return parseFloat(bars[bars.length - 1].style.left) - 100 * (now - midnight) / 86400000;
            """) as? Double ?? 100
        #expect(abs(offset) < 0.5, "the newest interval sits \(offset) % of a day from now")
        _ = try browser.run("document.getElementById('occupancy').scrollIntoView()")
        try browser.screenshot(to: VeilProcess.repositoryRoot.appendingPathComponent(".build/test-artefacts/console-occupancy.png").path)
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

/// What `veil status` says of the camera's redacted footage: how many segments, and where it ends.
struct RedactedFootage {
    let segments: Int
    let newest: Date

    init(_ recorder: ConsoleRecorder) throws {
        let status = try VeilProcess.run(["status", "--data-dir", recorder.data]).standardOutput
        let line = status.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("redacted ") && !$0.hasPrefix("total") }
        let words = line?.split(separator: " ") ?? []
        segments = words.count > 1 ? Int(words[1]) ?? 0 : 0
        newest = words.last.flatMap { ISO8601DateFormatter().date(from: String($0)) } ?? .distantPast
    }
}

/// One recorder at a time: two on two cores would starve each other's cameras.
extension ConsoleTests {
    @Test func theSelfSignedCertificateIsTheOneServedAndTheFingerprintCommandShowsIt() throws {
        let recorder = try ConsoleRecorder(web: "web: {listen: \"127.0.0.1:0\", tls: {selfSigned: true}}")
        defer { recorder.stop() }
        #expect(recorder.url.hasPrefix("https://"))
        let printed = try VeilProcess.run(["web", "fingerprint", "--config", recorder.configuration])
        #expect(printed.status == 0)
        let fingerprint = printed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fingerprint.hasPrefix("SHA256 Fingerprint=") && fingerprint.count == 19 + 95)
        #expect(recorder.output.contains(String(fingerprint.dropFirst(19))))

        // What the server presents on the wire.
        let port = String(recorder.url.split(separator: ":").last!)
        let served = try TestSupport.run("/bin/sh", ["-c", "openssl s_client -connect 127.0.0.1:\(port) </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"])
        #expect(served.uppercased().contains(String(fingerprint.dropFirst(19))))

        let certificate = recorder.data + "/web/tls/console.crt"
        let https = HTTPClient(base: recorder.url, caFile: certificate)
        #expect(try https.request("GET", "/api/cameras").status == 401)
        let session = try https.logIn("viewer1", password: ConsoleRecorder.password)
        #expect(try https.request("GET", "/api/cameras", headers: session.headers).headers["strict-transport-security"] != nil)
        // Plain HTTP to the HTTPS port gets no answer from the console.
        #expect((try? HTTPClient(base: "http://127.0.0.1:\(port)").request("GET", "/api/cameras").status) ?? 0 == 0)
    }

    /// scripts/install.sh puts the console's files beside the installed binary, and that binary
    /// serves them and no others: a page edited there is served as edited, and with the folder
    /// gone `veil record` stops at start naming it (no trap, no fallback to the build tree's copy).
    @Test func theInstalledBinaryServesTheConsoleFilesBesideItAndOnlyThose() throws {
        let root = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let installed = try InstallTests.install(into: root)
        #expect(installed.status == 0, "\(installed.output)")
        let bin = root.appendingPathComponent("usr/local/bin")
        let login = bin.appendingPathComponent("Veil_VeilWeb.resources/login.html")
        let marker = "<!-- the installed copy -->\n"
        try (try String(contentsOf: login, encoding: .utf8) + marker).write(to: login, atomically: true, encoding: .utf8)
        let recorder = try ConsoleRecorder(web: "web: {listen: \"127.0.0.1:0\"}", executable: bin.appendingPathComponent("veil"))
        defer { recorder.stop() }
        let page = try HTTPClient(base: recorder.url).request("GET", "/login")
        #expect(page.status == 200 && page.text.hasSuffix("</html>\n" + marker), "\(page.text)")
        recorder.stop()

        let bundle = bin.appendingPathComponent("Veil_VeilWeb.resources")
        try FileManager.default.removeItem(at: bundle)
        let failure = #expect(throws: TestSupport.Failure.self) {
            try ConsoleRecorder(web: "web: {listen: \"127.0.0.1:0\"}", executable: bin.appendingPathComponent("veil")).stop()
        }
        let output = failure?.description ?? ""
        let errors = output.split(separator: "\n").filter { $0.hasPrefix("veil: error:") }
        #expect(errors.count == 1 && errors.first?.contains(bundle.path + " beside the veil binary") == true, "\(output)")
        #expect(!output.contains("Fatal error"), "\(output)")
    }

    @Test func plainHTTPOnANetworkAddressIsRefusedByConfigCheck() throws {
        let directory = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = directory.appendingPathComponent("veil.yaml").path
        try "web: {listen: \"0.0.0.0:8443\"}\ncameras:\n  - name: a\n    url: \(TestSupport.sample)\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        let checked = try VeilProcess.run(["config", "check", configuration])
        #expect(checked.status != 0)
        #expect((checked.standardOutput + checked.standardError).contains("web.listen"))
    }
}
