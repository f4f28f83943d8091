import ArgumentParser
import CMalloc
import Foundation
import Logging
import ServiceLifecycle
import VeilConfig
import VeilRecorder
import VeilWeb

/// `veil record --config veil.yaml`: the daemon.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record every configured camera: redacted segments for staff, sealed raw segments for officers.",
        discussion: """
            Runs until SIGTERM or SIGINT (or --for elapses), then finishes and catalogues every \
            open segment. Expired retention keys are shredded at start-up before any camera is \
            read, and periodically after that.
            """
    )

    @Option(help: "The YAML configuration (see veil.example.yaml).")
    var config: String

    @Option(name: .customLong("for"), help: "Stop after this many seconds (for demos and tests).")
    var seconds: Double?

    func run() async throws {
        // Each reconnection starts a camera's pipeline threads afresh, and glibc gives threads
        // that allocate their own malloc arenas (up to 8 per core), which keep what they freed:
        // on a loaded machine the daemon grew by 85 MiB over 4 reconnections with OpenVINO
        // (DaemonTests.memoryStaysFlatAcrossReconnections), and stayed flat with one arena per core.
        _ = mallopt(M_ARENA_MAX, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        let logger = Logger(label: "veil.record")
        let recorder: Recorder
        let console: WebConsole?
        do {
            let configuration = try VeilConfiguration.load(path: config)
            recorder = try Recorder(configuration: configuration, logger: logger)
            console = try configuration.web.map {
                try WebConsole(settings: $0, dataDirectory: configuration.dataDirectory, feeds: recorder.feeds,
                               audit: recorder.auditLog, keepFreeBytes: configuration.storage.minFreeBytes,
                               logger: Logger(label: "veil.web"))
            }
        } catch {
            throw reportFailure(error)
        }
        let service = RecorderService(recorder: recorder, console: console, logger: logger, seconds: seconds)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        for camera in recorder.progress {
            print("camera \(camera.camera): \(camera.redactedSegments) redacted and \(camera.rawSegments) sealed raw segments, "
                  + "\(camera.frames) frames encoded, \(camera.dropped) packets dropped under load, "
                  + "\(camera.undecodable) packets undecodable")
        }
    }
}

/// The recorder as a service: started at once, stopped cleanly on a shutdown signal.
struct RecorderService: Service {
    let recorder: Recorder
    let console: WebConsole?
    let logger: Logger
    let seconds: Double?

    func run() async throws {
        try recorder.start()
        if let console {
            do {
                let port = try await console.start()
                var metadata: Logger.Metadata = ["url": "\(console.url(port: port))"]
                if let fingerprint = console.fingerprint { metadata["sha256_fingerprint"] = "\(fingerprint)" }
                logger.notice("staff console served", metadata: metadata)
            } catch {
                recorder.stop()
                throw error
            }
        }
        if let seconds {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        } else {
            try? await gracefulShutdown()
        }
        await console?.stop()
        recorder.stop()
    }
}
