import Crypto
import Foundation
import VeilCore

/// One act in a node's own audit log, as the cluster's chain carries it.
public struct ClusterAuditEntry: Sendable, Hashable {
    /// Its `seq` in the node's own log: the chain holds each (node, localSeq) once.
    public var localSeq: Int
    public var time: String
    public var actor: String
    public var action: String
    public var subject: String
    public var reason: String

    public init(localSeq: Int, time: String, actor: String, action: String, subject: String, reason: String) {
        self.localSeq = localSeq
        self.time = time
        self.actor = actor
        self.action = action
        self.subject = subject
        self.reason = reason
    }

    /// The chain's hash of this entry at position `seq` after `previous` (hex), as appended by
    /// `node`: SHA-256 of a JSON object with sorted keys, so any edit of any field, of the order
    /// or of the node changes it.
    func hash(seq: Int64, node: String, previous: String) -> String {
        struct Canonical: Encodable {
            let seq: Int64, node: String, localSeq: Int, time: String, actor: String, action: String, subject: String,
                reason: String, prev: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(Canonical(seq: seq, node: node, localSeq: localSeq, time: time, actor: actor,
                                                   action: action, subject: subject, reason: reason, prev: previous))) ?? Data()
        return Hex.encode(SHA256.hash(data: bytes))
    }

    static let genesis = String(repeating: "0", count: 64)
}
