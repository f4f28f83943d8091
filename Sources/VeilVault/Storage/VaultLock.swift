/// A vault-wide exclusive `flock`, held while creating an epoch, placing a hold or
/// shredding, so two processes (daemon and CLI) never interleave those.
enum VaultLock {
    static func withLock<R>(_ layout: VaultLayout, _ body: () throws -> R) throws -> R {
        try DurableFiles.createDirectories(layout.vault)
        let file = try PosixFile(path: layout.lock, mode: .createOrOpen)
        try file.lockExclusively()
        return try body()
    }
}
