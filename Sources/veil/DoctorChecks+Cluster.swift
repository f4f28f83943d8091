import Foundation
import Logging
import VeilCluster
import VeilConfig

extension DoctorChecks {
    /// How far this machine's clock may be from the cluster database's before doctor warns.
    static let clusterClockTolerance: TimeInterval = 2

    /// Cluster mode only: the database answers with this node's login, its schema is one this
    /// Veil can use, and this machine's clock agrees with the database's. Leases follow the
    /// database's clock, so a skewed node still keeps them correctly; but footage times, gap
    /// times and the order of segments across nodes come from each node's own clock.
    func clusterDatabase(_ cluster: ClusterSettings) async -> DoctorFinding {
        let name = "cluster database"
        let settings: ClusterDatabase.Configuration
        do {
            settings = try ClusterDatabase.Configuration(cluster, node: cluster.node.name)
        } catch {
            return .fail(name, "\(error)", fix: "write the password into cluster.database.passwordFile")
        }
        let probe: ClusterDatabase.Probe
        do {
            probe = try await ClusterDatabase.probe(settings, logger: Logger(label: "veil.doctor") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            return .fail(name, "\(error)", fix: "correct cluster.database in \(configPath), or start the database")
        }
        if probe.schemaVersion > probe.currentVersion {
            return .fail(name, "\(settings.address) has schema version \(probe.schemaVersion), newer than this Veil's "
                         + "\(probe.currentVersion)", fix: "upgrade veil on this node")
        }
        let offset = probe.clockOffset
        if abs(offset) > Self.clusterClockTolerance + probe.uncertainty {
            let direction = offset > 0 ? "behind" : "ahead of"
            return .warning(name, String(format: "this machine's clock is %.1f s %@ the cluster database's (%@): leases follow "
                                         + "the database's clock and stay correct, but this node stamps its footage, gaps and "
                                         + "segment order with its own clock", abs(offset), direction, settings.address),
                            fix: "synchronise this machine's clock (timedatectl set-ntp true), and the database server's")
        }
        let schema = probe.schemaVersion == probe.currentVersion
            ? "schema version \(probe.schemaVersion)"
            : "schema version \(probe.schemaVersion) (veil record migrates it to \(probe.currentVersion))"
        return .ok(name, String(format: "%@ answers as %@, %@; clocks agree within %.2f s", settings.address,
                                settings.user, schema, abs(offset) + probe.uncertainty))
    }
}
