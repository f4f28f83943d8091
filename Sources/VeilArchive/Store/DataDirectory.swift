/// Data directory paths as given by configuration or `--data-dir`.
enum DataDirectory {
    /// `path` without trailing slashes (`/` stays `/`), so joined paths read cleanly in messages.
    static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
