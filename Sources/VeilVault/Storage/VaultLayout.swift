/// Where the vault keeps its files under the data directory (see docs/sealed-format.md):
///
/// ```
/// vault/officers/<name>.officer          officer public key + passphrase-encrypted private key
/// vault/epochs/<camera>/<epoch>.key      epoch public key, private key wrapped to each officer, expiry
/// vault/tombstones/<camera>/<epoch>.tomb what was shredded, when
/// vault/.lock                            flock serialising epoch creation, holds and shredding
/// raw/<camera>/<yyyy-mm-dd>/<hhmmss>.veilraw
/// audit/audit.log
/// ```
struct VaultLayout: Sendable {
    let dataDirectory: String

    var vault: String { dataDirectory + "/vault" }
    var officers: String { vault + "/officers" }
    var epochs: String { vault + "/epochs" }
    var tombstones: String { vault + "/tombstones" }
    var lock: String { vault + "/.lock" }
    var raw: String { dataDirectory + "/raw" }
    var auditLog: String { dataDirectory + "/audit/audit.log" }

    func officer(_ name: String) -> String { officers + "/" + name + ".officer" }
    func epochKey(camera: String, epoch: EpochID) -> String { epochs + "/" + camera + "/" + epoch.rawValue + ".key" }
    func tombstone(camera: String, epoch: EpochID) -> String { tombstones + "/" + camera + "/" + epoch.rawValue + ".tomb" }
    func rawCamera(_ camera: String) -> String { raw + "/" + camera }
}
