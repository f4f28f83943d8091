import Hummingbird
import NIOCore
import NIOSSL

/// Who may use the peer routes (`/cluster/v1/…`): only another node of this cluster, which
/// presents its console certificate as TLS client certificate; its SHA-256 must be one the
/// cluster records for a node. Browsers present none and are refused here (their console
/// does not need a client certificate anywhere else).
enum PeerAccess {
    /// Nil when the connection's client certificate is a registered node's; otherwise a 403
    /// that says what was missing.
    static func refusal(of channel: any Channel, cluster: (any ConsoleCluster)?) async throws -> Response? {
        guard let cluster else {
            return Reply.error(.forbidden, "this node is not in a cluster: \(PeerRoutes.prefix) answers only the other nodes of its cluster")
        }
        // No TLS handler (plain HTTP) or no certificate: nil.
        let certificate = try? await channel.nioSSL_peerCertificate().get()
        guard let der = try certificate?.toDERBytes() else {
            return Reply.error(.forbidden, "\(PeerRoutes.prefix) answers only other nodes of cluster node \(cluster.nodeName)'s cluster, "
                               + "which present their console certificate as a TLS client certificate; this connection presented none")
        }
        let fingerprint = NodeFingerprint.of(der: der)
        guard try await cluster.nodes().contains(where: { NodeFingerprint.normalized($0.certificateSHA256) == fingerprint }) else {
            return Reply.error(.forbidden, "the client certificate presented (SHA-256 \(NodeFingerprint.display(fingerprint))) is not the "
                               + "console certificate of any node of this cluster; a node registers its certificate when it starts")
        }
        return nil
    }
}
