import Foundation
import Testing
import VeilTestSupport

/// The console of any node shows the whole cluster: on node west, camera cam1 recorded on node
/// east plays live and recorded (across hand-overs between them), fetched from east over HTTPS
/// authenticated both ways; east stopped, its footage is "on node east, offline", not a gap.
/// Real nodes (`veil record`), a real PostgreSQL, a real RTSP camera, curl as the client.
extension ClusterRecordingTests {
    static let consolePassword = "reading room staff 2026"

    @Test(.enabled(if: enabled), .timeLimit(.minutes(8)))
    func anyNodesConsolePlaysFootageOfEveryNode() throws {
        let cluster = try TestCluster(cameras: 1)
        let (eastPort, westPort) = (try TestSupport.freeLoopbackPort(), try TestSupport.freeLoopbackPort())
        // With one camera and two nodes, the camera's share goes to the first name: east.
        let east = try cluster.node("east", consolePort: eastPort), west = try cluster.node("west", consolePort: westPort)
        let passwordFile = cluster.scratch.appendingPathComponent("viewer.pass").path
        try (Self.consolePassword + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let added = try VeilProcess.run(["user", "add", "viewer1", "--role", "viewer", "--password-file", passwordFile,
                                         "--data-dir", west.harness.dataDirectory])
        try #require(added.status == 0, "\(added.standardError)")
        let exporterAdded = try VeilProcess.run(["user", "add", "exporter1", "--role", "exporter", "--password-file", passwordFile,
                                                 "--data-dir", west.harness.dataDirectory])
        try #require(exporterAdded.status == 0, "\(exporterAdded.standardError)")
        let started = Date()

        try east.start()
        TestSupport.waitFor(seconds: 90) { cluster.held(by: "east") == 1 }
        try #require(cluster.held(by: "east") == 1, "east records cam1\n\(cluster.context)")
        try west.start()
        let anonymous = NodeConsoleClient(west, port: westPort)
        TestSupport.waitFor(seconds: 90) { (try? anonymous.loggedIn("viewer1", password: Self.consolePassword)) != nil }
        let viewer = try anonymous.loggedIn("viewer1", password: Self.consolePassword)

        // West lists east's camera, with east's own account of it.
        TestSupport.waitFor(seconds: 60) {
            let camera = (try? viewer.get("/api/cameras").json as? [[String: Any]])??.first
            return camera?["node"] as? String == "east" && camera?["state"] as? String == "recording"
        }
        let listed = try viewer.get("/api/cameras")
        let camera = try #require((listed.json as? [[String: Any]])?.first, "\(listed.text)")
        #expect(camera["name"] as? String == "cam1" && camera["node"] as? String == "east" && camera["state"] as? String == "recording"
                && camera["width"] as? Int == 320, "\(listed.text)\n\(cluster.context)")

        // Live through west: the playlist and its segments come from east.
        TestSupport.waitFor(seconds: 60) { (try? viewer.get("/cameras/cam1/live.m3u8").text.contains(".m4s")) == true }
        let live = try viewer.get("/cameras/cam1/live.m3u8")
        #expect(live.status == 200 && live.headers["content-type"] == "application/vnd.apple.mpegurl", "\(live.status) \(live.text)")
        let liveURIs = Self.uris(in: live.text)
        let liveSegment = try #require(liveURIs.last { $0.hasSuffix(".m4s") }, "\(live.text)")
        let liveInit = try #require(liveURIs.first { $0.hasSuffix(".mp4") }, "\(live.text)")
        let segment = try viewer.get("/cameras/cam1/" + liveSegment), initialization = try viewer.get("/cameras/cam1/" + liveInit)
        #expect(segment.status == 200 && segment.firstBox == "moof" && segment.body.count > 1000, "\(segment.status) \(String(segment.text.prefix(300)))")
        #expect(initialization.status == 200 && initialization.firstBox == "ftyp", "\(initialization.status) \(String(initialization.text.prefix(300)))")

        // East's peer routes answer west's certificate only.
        var peer = NodeConsoleClient(east, port: eastPort)
        let bare = try peer.get("/cluster/v1/cameras")
        #expect(bare.status == 403 && bare.text.contains("presented none"), "\(bare.status) \(bare.text)")
        let stranger = try Self.strangerCertificate(in: cluster.scratch)
        peer.clientCertificate = stranger
        let unregistered = try peer.get("/cluster/v1/cameras")
        #expect(unregistered.status == 403 && unregistered.text.contains("is not the console certificate of any node"),
                "\(unregistered.status) \(unregistered.text)")
        peer.clientCertificate = (west.harness.dataDirectory + "/web/tls/console.crt", west.harness.dataDirectory + "/web/tls/console.key")
        #expect(try peer.get("/cluster/v1/cameras").status == 200)

        // Hand-overs: east stops (west takes cam1 mid-way through east's segment period), then
        // comes back and takes it back; the recorded range then holds both nodes' segments.
        TestSupport.waitFor(seconds: 30) { Int(cluster.sql(Self.primaries("east"))) ?? 0 >= 2 }
        let handover = Date()
        #expect(east.terminate(), "east stops cleanly\n\(cluster.context)")
        TestSupport.waitFor(seconds: 60) { cluster.held(by: "west") == 1 && Int(cluster.sql(Self.primaries("west"))) ?? 0 >= 2 }
        #expect(Int(cluster.sql(Self.primaries("west"))) ?? 0 >= 2, "west recorded cam1 after the hand-over\n\(cluster.context)")
        try east.start()
        TestSupport.waitFor(seconds: 90) { cluster.held(by: "east") == 1 }
        #expect(cluster.held(by: "east") == 1, "east took cam1 back\n\(cluster.context)")

        let range = "from=\(Self.iso(started.addingTimeInterval(-5)))&to=\(Self.iso(Date()))"
        let recorded = try viewer.get("/cameras/cam1/recorded.m3u8?\(range)")
        #expect(recorded.status == 200 && recorded.text.contains("#EXT-X-ENDLIST"), "\(recorded.status) \(recorded.text)")
        let entries = Self.uris(in: recorded.text)
        #expect(entries.contains { $0.hasPrefix("nodes/east/recorded/") } && entries.contains { $0.hasPrefix("nodes/west/recorded/") }, "\(recorded.text)")
        for entry in entries {
            let reply = try viewer.get("/cameras/cam1/" + entry)
            let box = entry.contains("/init.mp4") ? "ftyp" : "moof"
            #expect(reply.status == 200 && reply.firstBox == box && reply.body.count > 500, "\(entry): \(reply.status) \(String(reply.text.prefix(300)))")
        }

        // Exports: a range only east recorded is cut by east, through west's console, and its
        // signed manifest names east; a range recorded by both nodes is refused, not cut short.
        let exporter = try anonymous.loggedIn("exporter1", password: Self.consolePassword)
        func order(_ from: Date, _ to: Date) -> String {
            "{\"camera\":\"cam1\",\"from\":\"\(Self.iso(from))\",\"to\":\"\(Self.iso(to))\",\"exact\":false}"
        }
        let cut = try exporter.request("POST", "/api/exports", json: order(started.addingTimeInterval(-5), handover.addingTimeInterval(-1)))
        #expect(cut.status == 201, "\(cut.status) \(cut.text)\n\(cluster.context)")
        let made = cut.json as? [String: Any] ?? [:]
        let clipURL = made["clip"] as? String ?? "", manifestURL = made["manifest"] as? String ?? ""
        #expect(made["node"] as? String == "east" && clipURL.hasPrefix("/nodes/east/exports/"), "\(cut.text)")
        let clip = try exporter.get(clipURL), manifest = try exporter.get(manifestURL)
        #expect(clip.status == 200 && clip.firstBox == "ftyp" && clip.headers["content-disposition"]?.hasPrefix("attachment") == true,
                "\(clip.status) \(String(clip.text.prefix(300)))")
        #expect((manifest.json as? [String: Any])?["node"] as? String == "east", "\(manifest.text)")
        #expect(try viewer.get(clipURL).status == 403, "a viewer may not download exports")
        let downloaded = cluster.scratch.appendingPathComponent("east-clip.mp4")
        try clip.body.write(to: downloaded)
        try manifest.body.write(to: URL(fileURLWithPath: downloaded.path + ".manifest.json"))
        let verified = try VeilProcess.run(["verify", downloaded.path, "--data-dir", east.harness.dataDirectory])
        #expect(verified.status == 0, "the clip verifies against east's export key: \(verified.standardOutput) \(verified.standardError)")
        let both = try exporter.request("POST", "/api/exports", json: order(started.addingTimeInterval(-5), Date()))
        #expect(both.status == 409 && both.text.contains("nodes east, west"), "\(both.status) \(both.text)")

        // East's recorded fingerprint no longer matches what it serves: west refuses to fetch.
        let eastEntry = try #require(entries.first { $0.hasPrefix("nodes/east/recorded/") && $0.contains("/media.m4s") })
        let recordedFingerprint = cluster.sql("SELECT certificate_sha256 FROM nodes WHERE name = 'east'")
        _ = cluster.sql("UPDATE nodes SET certificate_sha256 = repeat('ab', 32) WHERE name = 'east'")
        Thread.sleep(forTimeInterval: 1.5)  // the console reads the node list at most once a second
        let refused = try viewer.get("/cameras/cam1/" + eastEntry)
        _ = cluster.sql("UPDATE nodes SET certificate_sha256 = '\(recordedFingerprint)' WHERE name = 'east'")
        let served = recordedFingerprint.uppercased().enumerated().map { ($0.offset > 0 && $0.offset % 2 == 0 ? ":" : "") + String($0.element) }.joined()
        #expect(refused.status == 502 && refused.text.contains("node east") && refused.text.contains("AB:AB:AB")
                && refused.text.contains(served), "\(refused.status) \(refused.text)")

        // East stopped: its footage is offline, not a gap, and left out of the playlist.
        #expect(east.terminate(), "east stops cleanly\n\(cluster.context)")
        Thread.sleep(forTimeInterval: 1.5)  // the console reads the node list at most once a second
        let footage = try viewer.get("/api/cameras/cam1/footage?\(range)")
        let offline = (footage.json as? [String: Any])?["offline"] as? [[String: Any]] ?? []
        #expect(!offline.isEmpty && offline.allSatisfy { $0["node"] as? String == "east" && $0["note"] as? String == "on node east, offline" },
                "\(footage.text)")
        let withoutEast = try viewer.get("/cameras/cam1/recorded.m3u8?\(range)")
        #expect(withoutEast.status == 200 && !withoutEast.text.contains("nodes/east/recorded/") && withoutEast.text.contains("nodes/west/recorded/"),
                "\(withoutEast.text)")
        #expect(west.terminate(), "west stops cleanly\n\(cluster.context)")
    }

    /// Primary redacted segments of cam1 that `node` has in PostgreSQL.
    static func primaries(_ node: String) -> String {
        "SELECT count(*) FROM segments WHERE node = '\(node)' AND camera = 'cam1' AND kind = 'redacted' AND role = 'primary'"
    }

    /// The URIs of an HLS playlist (entries and maps), in order.
    static func uris(in playlist: String) -> [String] {
        playlist.split(separator: "\n").compactMap { line -> String? in
            if line.hasPrefix("#EXT-X-MAP:URI=\"") { return String(line.dropFirst("#EXT-X-MAP:URI=\"".count).dropLast()) }
            return line.hasPrefix("#") || line.isEmpty ? nil : String(line)
        }
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// A self-signed certificate no node has: what another program would present.
    static func strangerCertificate(in directory: URL) throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("stranger.crt").path, key = directory.appendingPathComponent("stranger.key").path
        _ = try TestSupport.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                    "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=stranger"])
        return (certificate, key)
    }
}
