import Foundation
import Logging
import VeilArchive

/// What the member sends besides leases: the outbox of catalog rows, then the node's new
/// audit entries.
extension ClusterMember {
    /// Sends unsent outbox rows until none is left; false when the database stopped it.
    @discardableResult
    func sendOutbox() async -> Bool {
        while true {
            do {
                let entries = try await blocking { [catalog] in try catalog.unsentOutbox(limit: 200) }
                if entries.isEmpty { return await sendOccupancy() }
                for entry in entries {
                    switch entry.row {
                    case .segment(let segment):
                        let role = try await node.commitSegment(
                            NewSegment(camera: segment.camera, kind: segment.kind, start: segment.start, end: segment.end,
                                       path: segment.path, bytes: segment.bytes, sha256: segment.sha256, epoch: segment.epoch,
                                       pairedRaw: segment.pairedRawID),
                            localID: segment.id, generation: entry.generation, status: segment.status)
                        if role == .overlap {
                            logger.notice("segment catalogued as an overlap: another node recorded this time under a later lease",
                                          metadata: ["camera": "\(segment.camera)", "segment": "\(segment.id)"])
                        }
                    case .gap(let gap, let id):
                        try await node.recordGap(gap, localID: id)
                    case .deletedSegment(let id):
                        try await node.markSegmentDeleted(localID: id)
                    }
                    try await blocking { [catalog] in try catalog.markSent(entry) }
                }
                recovered()
            } catch {
                report(error, "sending catalog rows")
                return false
            }
        }
    }

    /// Sends unsent occupancy intervals until none is left; false when the database stopped it.
    private func sendOccupancy() async -> Bool {
        do {
            while true {
                let rows = try await blocking { [catalog] in try catalog.unsentOccupancy(limit: 200) }
                if rows.isEmpty { return true }
                try await node.recordOccupancy(rows)
                try await blocking { [catalog] in try catalog.markOccupancySent(rows) }
            }
        } catch {
            report(error, "sending occupancy intervals")
            return false
        }
    }

    /// Appends this node's audit entries not yet in the cluster's chain, in order; on a failure
    /// they wait for the next pass (the node's own log keeps them).
    func sendAudit() async {
        guard let audit else { return }
        do {
            if auditSent == nil { try await node.registerAuditKey(audit.key) }
            let entries = try await blocking { try audit.entries() }
            auditSent = try await node.auditTrail.send(entries, key: audit.key, after: auditSent, dataDirectory: audit.dataDirectory)
        } catch {
            report(error, "appending audit entries to the cluster chain")
        }
    }

    /// Records the epochs shredded since the last pass as tombstones.
    func sendTombstones() async {
        guard let shreddedEpochs else { return }
        do {
            let fresh = try await blocking { try shreddedEpochs() }.filter { !tombstonesSent.contains($0) }
            try await node.recordTombstones(fresh)
            tombstonesSent.formUnion(fresh)
        } catch {
            report(error, "recording shredded epochs")
        }
    }
}
