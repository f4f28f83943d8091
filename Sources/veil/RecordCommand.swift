import ArgumentParser
import CMalloc
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import VeilCluster
import VeilConfig
import VeilMetrics
import VeilRecorder
import VeilStaff
import VeilVault
import VeilWeb
import UnixSignals

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
        // Blocking work reached from async code (the recorder's start and stop, the console's
        // exports, playback remuxing and password hashing) runs on NIO's blocking pool; a few
        // more threads than cores keep one long export from holding up a login.
        NIOSingletons.blockingPoolThreadCountSuggestion = max(8, 2 * ProcessInfo.processInfo.activeProcessorCount)
        do {
            let configuration = try VeilConfiguration.load(path: config)
            guard let cluster = configuration.cluster else {
                ClusterMembership.forget(dataDirectory: configuration.dataDirectory)
                return try await record(configuration, cluster: nil, logger: logger)
            }
            // Cluster mode: everything that can refuse this node (the database, its schema, the
            // camera list, the node's name) is checked before anything records; the pool runs
            // until the member has handed its cameras over.
            let settings = try ClusterDatabase.Configuration(cluster, node: cluster.node.name)
            try await ClusterDatabase.withDatabase(settings, logger: logger) { database in
                let identity = try await ClusterJoining.identity(configuration, cluster: cluster, database: database)
                try ClusterMembership.record(node: identity.name, configuration: config, dataDirectory: configuration.dataDirectory)
                try await record(configuration, cluster: (database, identity), logger: logger)
            }
        } catch {
            throw reportFailure(error)
        }
    }

    /// Records until the group ends: alone (`cluster` nil: every camera), or as a cluster node,
    /// registered once the recorder is ready (the member starts each camera whose lease it holds).
    private func record(_ configuration: VeilConfiguration, cluster: (ClusterDatabase, ClusterNode.Identity)?,
                        logger: Logger) async throws {
        let recorder = try Recorder(configuration: configuration, logger: logger)
        var node: ClusterNode?
        if let (database, identity) = cluster { node = try await ClusterNode.register(identity, in: database) }
        // The group shuts down in reverse order: the cluster member hands its cameras over first,
        // then the console and the metrics stop serving, then the recorder finishes its segments.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        services.append(.init(service: RecorderService(recorder: recorder, seconds: seconds, recordingCameras: node == nil),
                              successTerminationBehavior: .gracefullyShutdownGroup))
        let metrics = configuration.metrics
        services.append(.init(service: MetricsEndpoint(
            host: metrics.host, port: UInt16(metrics.port), registry: recorder.metrics.registry, logger: logger,
            onListening: { port in
                logger.info("metrics served", metadata: ["address": "http://\(metrics.host):\(port)/metrics"])
            }), failureTerminationBehavior: .gracefullyShutdownGroup))
        if let web = configuration.web {
            services.append(.init(service: try WebConsole(
                settings: web, dataDirectory: configuration.dataDirectory, feeds: recorder.feeds,
                audit: recorder.auditLog, keepFreeBytes: configuration.storage.minFreeBytes,
                logger: Logger(label: "veil.web"), cluster: node.map { ConsoleClusterAdapter(node: $0) }),
                failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        if let node {
            services.append(.init(service: try ClusterJoining.member(node, recorder: recorder, configuration: configuration, logger: logger),
                                  failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        do {
            try await group.run()
        } catch {
            try? await node?.leave()
            throw error
        }
        for camera in recorder.progress {
            print("camera \(camera.camera): \(camera.redactedSegments) redacted and \(camera.rawSegments) sealed raw segments, "
                  + "\(camera.frames) frames encoded, \(camera.dropped) packets dropped under load, "
                  + "\(camera.undecodable) packets undecodable")
        }
    }
}
