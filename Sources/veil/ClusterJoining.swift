import Foundation
import Logging
import NIOPosix
import VeilCluster
import VeilConfig
import VeilRecorder
import VeilStaff
import VeilVault
import VeilWeb

/// `veil record` joining its cluster (`cluster:`) on an opened database: this node's camera
/// list compared with the cluster's and its identity made from its console certificate. The
/// node registers only once its recorder is ready, so the others never hand a camera to a node
/// still compiling its detectors.
enum ClusterJoining {
    static func identity(_ configuration: VeilConfiguration, cluster: ClusterSettings,
                         database: ClusterDatabase) async throws -> ClusterNode.Identity {
        guard let web = configuration.web, let fingerprint = try WebConsole.certificateFingerprint(
            settings: web, dataDirectory: configuration.dataDirectory) else {
            throw ClusterJoiningError("cluster mode needs the staff console over HTTPS (web: with tls:): its certificate "
                                      + "identifies node \(cluster.node.name) to the other nodes")
        }
        let cameras = configuration.cameras.map(\.name)
        try await database.requireCameraList(cameras, node: cluster.node.name)
        return ClusterNode.Identity(
            name: cluster.node.name, advertise: cluster.node.advertise,
            certificateSHA256: fingerprint.replacingOccurrences(of: ":", with: "").lowercased(),
            capacity: cluster.node.capacity ?? cameras.count)
    }

    /// The service that keeps `node` in its cluster: leases and cameras, the outbox of catalog
    /// rows, the audit chain, shredded epochs and the console's users.
    static func member(_ node: ClusterNode, recorder: Recorder, configuration: VeilConfiguration,
                       logger: Logger) throws -> ClusterMember {
        let data = configuration.dataDirectory, auditLog = recorder.auditLog
        let audit = ClusterMember.Audit(key: try AuditSigningKey.load(dataDirectory: data), dataDirectory: data) {
            try auditLog.clusterEntries()
        }
        let shredded: @Sendable () throws -> [EpochTombstone] = {
            try recorder.shreddedEpochs().map {
                EpochTombstone(camera: $0.camera, epoch: $0.epoch.rawValue, startsAt: $0.start, endsAt: $0.end,
                               shreddedAt: $0.shreddedAt, rawSegmentsDeleted: $0.rawSegmentsDeleted)
            }
        }
        return ClusterMember(node: node, catalog: recorder.catalog,
                             cameras: RecorderCameras(recorder: recorder, names: Set(configuration.cameras.map(\.name)), logger: logger),
                             audit: audit, shreddedEpochs: shredded,
                             staff: StaffSync(directory: ConsoleUsers(store: StaffAccountStore(dataDirectory: data)), dataDirectory: data),
                             logger: logger)
    }
}

struct ClusterJoiningError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The recorder's cameras as the cluster member starts and stops them, each call on NIO's
/// blocking pool (starting spawns threads; stopping joins them after the segment is finished).
struct RecorderCameras: ClusterCameras {
    let recorder: Recorder
    let names: Set<String>
    let logger: Logger

    func startRecording(_ camera: String) async throws {
        try await NIOThreadPool.singleton.runIfActive { try recorder.startCamera(camera) }
    }

    func stopRecording(_ camera: String) async {
        do {
            try await NIOThreadPool.singleton.runIfActive { try recorder.stopCamera(camera) }
        } catch {
            logger.error("cannot stop a camera", metadata: ["camera": "\(camera)", "error": "\(error)"])
        }
    }
}

extension ClusterDatabase.Configuration {
    /// The `cluster.database` settings, with the password read from its file (first line).
    init(_ settings: ClusterSettings, node: String) throws {
        let database = settings.database
        guard let text = try? String(contentsOfFile: database.passwordFile, encoding: .utf8),
              let password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init),
              !password.isEmpty else {
            throw ClusterJoiningError("cannot read the cluster database's password from \(database.passwordFile) "
                                      + "(cluster.database.passwordFile): it must exist, be readable, and hold the password on its first line")
        }
        self.init(host: database.host, port: database.port, database: database.name, user: database.user, password: password,
                  certificateAuthorityFile: database.certificateAuthority, applicationName: "veil \(node)")
    }
}

/// The node's console users as the cluster member shares them.
struct ConsoleUsers: ClusterStaffDirectory {
    let store: StaffAccountStore

    func recordFiles() throws -> [String: [UInt8]] { try store.recordFiles() }
    func install(name: String, record: [UInt8]) throws { try store.install(name: name, record: record) }
    func uninstall(name: String) throws { try store.uninstall(name: name) }
}
