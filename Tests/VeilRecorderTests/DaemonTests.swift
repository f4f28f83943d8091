import Foundation
import Testing
import VeilArchive
import VeilTestSupport

/// The real `veil record` process: stopped by SIGTERM, killed with -9 and started again.
@Suite(.serialized) struct DaemonTests {
    /// The `veil` binary built next to this test bundle.
    static var veil: String { VeilProcess.executable.path }

    /// Starts `veil record` with its own temporary directory, so that directory can be scanned;
    /// inside `namespace` when one is given (`ip netns exec` execs it: the process is the recorder).
    /// `environment` is added to this process's; when it is not empty the recorder is started
    /// through env(1), so a preloaded library (libfaketime) sees the arguments.
    static func startRecorder(config: String, temporary: URL, log: URL, namespace: NetworkNamespace? = nil,
                              environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        var command = namespace?.command(veil, ["record", "--config", config]) ?? (executable: veil, arguments: ["record", "--config", config])
        if !environment.isEmpty { command = (executable: "/usr/bin/env", arguments: [command.executable] + command.arguments) }
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }.merging(environment) { $1 }
        process.currentDirectoryURL = TestSupport.repositoryRoot
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        return process
    }

    static func writeConfig(_ harness: RecorderHarness, url: String, extra: String = "") throws -> String {
        let path = harness.directory.appendingPathComponent("veil.yaml").path
        try (extra + harness.configurationText(cameras: LiveRecordingTests.camera("hall", url: url)))
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A camera, a data directory with an officer, a private temporary directory and a log
    /// for the daemon, and a way to start it on them.
    struct Setup {
        let server: RTSPTestServer
        let harness: RecorderHarness
        let temporary: URL
        let log: URL
        let config: String

        /// `extra`: YAML put before the harness's configuration (a `web:` section, say).
        init(extra: String = "") throws {
            server = try RTSPTestServer()
            harness = try RecorderHarness()
            temporary = harness.directory.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            log = harness.directory.appendingPathComponent("record.log")
            config = try DaemonTests.writeConfig(harness, url: server.url(), extra: extra)
        }

        /// Starts `veil record` and waits until it has written at least `segments` raw segments in all.
        func startRecorder(untilRawSegments segments: Int) throws -> Process {
            let process = try DaemonTests.startRecorder(config: config, temporary: temporary, log: log)
            TestSupport.waitFor(seconds: 30) { ((try? harness.segments("hall", .raw).count) ?? 0) >= segments }
            return process
        }

        var daemonLog: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: DaemonTests.veil)))
    func sigtermFinishesEveryOpenSegment() throws {
        let setup = try Setup()
        let (server, harness, temporary) = (setup.server, setup.harness, setup.temporary)
        defer { harness.remove() }
        let process = try setup.startRecorder(untilRawSegments: 2)
        Thread.sleep(forTimeInterval: 1)  // a segment is now half written
        process.terminate()  // SIGTERM
        process.waitUntilExit()

        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let raw = try harness.segments("hall", .raw), redacted = try harness.segments("hall", .redacted)
        let daemonLog = setup.daemonLog
        #expect(raw.count >= 3 && !redacted.isEmpty)
        // The summary line says how many packets the redaction branch lost (a loaded machine
        // drops whole GOPs, fail-closed); without losses every raw segment has its twin.
        let nothingLost = daemonLog.contains(" 0 packets dropped under load, 0 packets undecodable")
        expectPaired(redacted: redacted, raw: raw, redactionLostPackets: !nothingLost, context: daemonLog)
        let catalogued = Set((raw + redacted).map { harness.path(of: $0) })
        let onDisk = Set(harness.files().filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".veilraw") || $0.contains(".partial") })
        #expect(onDisk == catalogued, "every segment file is catalogued and no temporary file is left")
        let scanned = harness.files() + ((FileManager.default.enumerator(atPath: temporary.path)?.allObjects as? [String]) ?? [])
            .map { temporary.path + "/" + $0 }
        #expect(try plaintextRuns(of: server.bitstreamPath, in: scanned).isEmpty)
    }

    /// The systemd unit's `TimeoutStopSec`: how long a stop may take before systemd kills the daemon.
    static var unitStopTimeout: Double {
        let unit = (try? String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("packaging/systemd/veil.service.in"),
                                encoding: .utf8)) ?? ""
        let line = unit.split(separator: "\n").first { $0.hasPrefix("TimeoutStopSec=") }
        return line.flatMap { Double($0.dropFirst("TimeoutStopSec=".count).filter(\.isNumber)) } ?? 0
    }

    /// Every service of the group (recorder, console, metrics endpoint) ends on SIGTERM, within
    /// the unit's stop timeout, with every segment finished and both ports closed.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: DaemonTests.veil)))
    func sigtermStopsTheConsoleTheMetricsAndTheRecorder() throws {
        let setup = try Setup(extra: "web: {listen: \"127.0.0.1:0\"}\n")
        let harness = setup.harness
        defer { harness.remove() }
        let process = try setup.startRecorder(untilRawSegments: 1)
        var ports: [String: Int] = [:]
        TestSupport.waitFor(seconds: 30) {
            for (key, marker) in [("console", "url=http://127.0.0.1:"), ("metrics", "address=http://127.0.0.1:")] {
                if let range = setup.daemonLog.range(of: marker) {
                    ports[key] = Int(setup.daemonLog[range.upperBound...].prefix { $0.isNumber })
                }
            }
            return ports.count == 2
        }
        try #require(ports.count == 2, "the console and the metrics endpoint announced their ports:\n\(setup.daemonLog)")
        for port in ports.values { #expect(Self.accepts(port: port)) }

        let stopTimeout = Self.unitStopTimeout
        #expect(stopTimeout >= 10)
        let signalled = Date()
        process.terminate()  // SIGTERM
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let inTime = !process.isRunning || exited.wait(timeout: .now() + stopTimeout) == .success
        if !inTime { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(inTime, "still running \(stopTimeout) s after SIGTERM:\n\(setup.daemonLog.suffix(3000))")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(setup.daemonLog.suffix(3000))")
        #expect(Date().timeIntervalSince(signalled) < stopTimeout)
        for (name, port) in ports { #expect(!Self.accepts(port: port), "the \(name) port is closed") }
        let onDisk = harness.files().filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".veilraw") || $0.contains(".partial") }
        let catalogued = try (harness.segments("hall", .raw) + harness.segments("hall", .redacted)).map { harness.path(of: $0) }
        #expect(Set(onDisk) == Set(catalogued), "every open segment was finished and catalogued")
    }

    /// Whether a TCP connection to 127.0.0.1:`port` is accepted.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Resident memory of process `pid` in MiB (the daemon alone, not the test process, whose
    /// other tests run alongside).
    static func residentMiB(of pid: Int32) -> Double {
        let fields = (try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return fields.count > 1 ? Double(fields[1])! * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576 : 0
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: DaemonTests.veil)))
    func memoryStaysFlatAcrossReconnections() throws {
        let setup = try Setup()
        let (server, harness) = (setup.server, setup.harness)
        defer { harness.remove() }
        let process = try setup.startRecorder(untilRawSegments: 2)
        var samples: [Double] = []
        for _ in 1...4 {
            let before = (try? harness.segments("hall", .raw).count) ?? 0
            server.kill()
            Thread.sleep(forTimeInterval: 1)
            try server.restart()
            // Under load reconnecting can take longer than any fixed pause, and a kill before
            // the recorder is back would merge two outages into one gap: wait until the
            // segment cut by the kill and one recorded after it are both in.
            TestSupport.waitFor(seconds: 30) { ((try? harness.segments("hall", .raw).count) ?? 0) >= before + 2 }
            samples.append(Self.residentMiB(of: process.processIdentifier))
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try harness.gaps("hall").count >= 4)
        #expect(samples.allSatisfy { $0 > 20 }, "the daemon's memory was read: \(samples)")
        // After the first reconnection everything is warmed up; later ones must not add up.
        #expect(samples.last! - samples[1] < 48, "resident memory across reconnections: \(samples) MiB")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: DaemonTests.veil)))
    func killMinus9LosesAtMostTheSegmentsInProgress() throws {
        let setup = try Setup()
        let harness = setup.harness
        defer { harness.remove() }
        let first = try setup.startRecorder(untilRawSegments: 2)
        Thread.sleep(forTimeInterval: 1)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = try harness.segments("hall", .raw).count + (try harness.segments("hall", .redacted).count)

        let second = try setup.startRecorder(untilRawSegments: 4)
        second.terminate()
        second.waitUntilExit()

        #expect(second.terminationReason == .exit && second.terminationStatus == 0,
                "the restarted recorder ended with \(second.terminationReason) \(second.terminationStatus):\n\(setup.daemonLog)")
        let after = try harness.segments("hall", .raw).count + (try harness.segments("hall", .redacted).count)
        #expect(after > before, "recording went on after the restart")
        #expect(!harness.files().contains { $0.contains(".partial") || $0.hasSuffix(".tmp") },
                "reconciliation removed the segments that were in progress at the kill")
        let catalogued = Set((try harness.segments("hall", .raw) + (try harness.segments("hall", .redacted))).map { harness.path(of: $0) })
        #expect(Set(harness.files().filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".veilraw") }) == catalogued)
    }
}
