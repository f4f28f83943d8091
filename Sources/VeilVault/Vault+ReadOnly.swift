extension Vault {
    /// The officers registered under `dataDirectory`, read without opening the vault: no sweep,
    /// no lock file, no audit entry, nothing created or changed. For checks such as
    /// `veil doctor` that must not write, even when run as root on a directory owned by `veil`.
    /// A data directory without a vault has no officers.
    ///
    /// - Throws: ``VaultError`` naming the file when an officer record is unreadable, corrupt
    ///   or tampered with.
    public static func registeredOfficers(dataDirectory: String) throws -> [Officer] {
        try OfficerStore(layout: VaultLayout(dataDirectory: dataDirectory)).list()
    }
}
