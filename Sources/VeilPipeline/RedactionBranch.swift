/// The redaction branch, wired once for `veil redact` and for every live camera:
///
///     decode ──decoded──▶ redact (detect, track, plan, mask) ──redacted──▶ encode
///
/// Each stage runs on a named thread of its own (it blocks in C code); the two bounded queues
/// join them. The first stage to fail cancels both queues and whatever else `cancel` reaches
/// (the live path's packet queue and camera input), so every other stage ends too; ``join()``
/// waits for all three and returns that first failure.
package final class RedactionBranch: Sendable {
    /// Decoded frames (and passthrough items), from the decode stage to the redact stage.
    package let decoded = BoundedQueue<StageItem>(capacity: 8)
    /// Masked frames, from the redact stage to the encode stage.
    package let redacted = BoundedQueue<StageItem>(capacity: 8)

    package init() {}

    /// Starts the three stages on threads named `<name>-decode`, `<name>-redact` and `<name>-encode`.
    package func start(name: String, decode: @escaping @Sendable () throws -> Void, redact: RedactStage,
                       encode: @escaping @Sendable () throws -> Void,
                       cancel: @escaping @Sendable () -> Void = {}) -> RunningBranch {
        let (decoded, redacted) = (decoded, redacted)
        let stopAll: @Sendable () -> Void = { decoded.cancel(); redacted.cancel(); cancel() }
        let stages: [(String, @Sendable () throws -> Void)] = [("decode", decode), ("redact", redact.run), ("encode", encode)]
        return RunningBranch(threads: stages.map { stage, body in
            StageThread(name: "\(name)-\(stage)") {
                do { try body() } catch {
                    stopAll()
                    throw error
                }
            }
        })
    }
}

/// The branch's three running stage threads.
package struct RunningBranch: Sendable {
    let threads: [StageThread]

    /// Waits until every stage has ended; returns the first failure, if any.
    package func join() -> (any Error)? {
        threads.compactMap { $0.join() }.first
    }
}
