/// Turns a swift-crypto error into a `VaultError`.
enum CryptoFailure {
    /// Runs `body`; an error it throws becomes a `.cryptoFailure` naming `operation` and swift-crypto's own error.
    static func mapping<R>(_ operation: String, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch {
            throw VaultError(.cryptoFailure, "swift-crypto \(operation) failed: \(error). This is not a problem with the data; report it with the Veil version.")
        }
    }
}
