extension AuditLog {
    /// Walks the chain and reports the first broken link: an edited, deleted, reordered or
    /// inserted entry. With `anchoredHead` (a head hash recorded earlier), also checks that
    /// the entry it names is still in the chain, which catches edits to the newest entries
    /// and truncation.
    public func verify(anchoredHead: SHA256Digest? = nil) throws -> AuditVerification {
        var previous = AuditEntry.genesis
        var head: SHA256Digest?
        var anchorFound = anchoredHead == nil
        let lines = try lines()
        for (index, line) in lines.enumerated() {
            let number = index + 1
            func broken(_ text: String) -> AuditVerification {
                AuditVerification(entryCount: index, head: head, problem: AuditProblem(line: number, description: text))
            }
            if !line.isEmpty, line.last == 0x0d || line.first == 0x20 { return broken("line \(number) has stray whitespace: it was edited") }
            guard let entry = AuditEntry.decode(line: line) else {
                return broken("line \(number) is not a valid audit entry: it was edited or corrupted")
            }
            if entry.seq != number {
                let what = entry.seq > number
                    ? "entries \(number)…\(entry.seq - 1) are missing: deleted"
                    : "entry \(entry.seq) appears again at line \(number): entries were reordered or inserted"
                return broken("line \(number) has sequence number \(entry.seq), expected \(number); \(what)")
            }
            guard entry.prev == previous else {
                return broken(number == 1
                    ? "line 1 does not start the chain (its previous hash is not zero): entries before it were deleted"
                    : "line \(number) does not chain to line \(number - 1): line \(number - 1) was edited, or an entry was inserted or removed between them")
            }
            let digest = SHA256Digest(hashing: line)
            previous = digest.hex
            head = digest
            if digest == anchoredHead { anchorFound = true }
        }
        guard let anchoredHead, !anchorFound else {
            return AuditVerification(entryCount: lines.count, head: head, problem: nil)
        }
        return AuditVerification(entryCount: lines.count, head: head, problem: AuditProblem(
            line: lines.count, description: "the anchored head \(anchoredHead.hex) is not the hash of any entry: the entry it named was edited, or the log was truncated"))
    }
}
