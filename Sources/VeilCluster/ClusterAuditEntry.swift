import Foundation
import Crypto

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
        return SHA256.hash(data: bytes).hex
    }

    static let genesis = String(repeating: "0", count: 64)
}

extension Sequence where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension Data {
    /// The bytes of a lowercase hex string, nil if it is not one.
    init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
