/// A call to another node's console failed: which node, where, what happened, and what to do.
struct PeerError: Error, CustomStringConvertible {
    enum Code: Sendable { case unreachable, certificateMismatch, timeout, badAnswer, tooLarge }

    let code: Code
    let node: String
    let description: String

    static func mismatch(node: String, url: String, recorded: String, presented: String) -> PeerError {
        PeerError(code: .certificateMismatch, node: node, description:
            "node \(node) at \(url) presented a console certificate with SHA-256 \(NodeFingerprint.display(presented)), "
            + "but the cluster records \(NodeFingerprint.display(recorded)) for \(node); refused. If \(node)'s certificate "
            + "was replaced, restart \(node) so it registers the new one; otherwise something else answers at \(url)")
    }

    static func unreachable(node: String, url: String, _ error: any Error) -> PeerError {
        PeerError(code: .unreachable, node: node, description:
            "cannot reach node \(node) at \(url) (\(error)); check that it runs and that this node can connect to its advertise address")
    }

    static func timeout(node: String, url: String, seconds: Int64) -> PeerError {
        PeerError(code: .timeout, node: node, description:
            "node \(node) at \(url) did not answer within \(seconds) s; it may be overloaded or cut off, try again")
    }
}
