import Foundation

/// The vault's epoch key records and tombstones read straight from their files (JSON, then a
/// `# sha256` trailer line), independently of the vault's code: what exists on disk is what
/// a crash test must judge.
struct VaultFiles {
    struct Epoch: Hashable {
        let camera: String
        let epoch: String
        let expiresAt: Date
        /// Tombstones only: when the key was destroyed, and whether its raw files are deleted yet.
        let shreddedAt: Date?
        let rawDeleted: Bool
    }

    let dataDirectory: String

    /// Live epoch keys (`vault/epochs/<camera>/<epoch>.key`).
    var keys: [Epoch] { read("vault/epochs", suffix: ".key") }

    /// Shredded epochs (`vault/tombstones/<camera>/<epoch>.tomb`).
    var tombstones: [Epoch] { read("vault/tombstones", suffix: ".tomb") }

    private func read(_ folder: String, suffix: String) -> [Epoch] {
        let root = dataDirectory + "/" + folder
        var epochs: [Epoch] = []
        for camera in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + camera)) ?? []
            where name.hasSuffix(suffix) && !name.hasPrefix(".") {
                guard let text = try? String(contentsOfFile: root + "/" + camera + "/" + name, encoding: .utf8),
                      let body = text.range(of: "\n# sha256 ").map({ String(text[..<$0.lowerBound]) }),
                      let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                      let expires = (json["expires_at"] as? NSNumber)?.int64Value else { continue }
                epochs.append(Epoch(camera: camera, epoch: String(name.dropLast(suffix.count)),
                                    expiresAt: Date(timeIntervalSince1970: Double(expires) / 1000),
                                    shreddedAt: (json["shredded_at"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) },
                                    rawDeleted: json["raw_segments_deleted"] is NSNumber))
            }
        }
        return epochs
    }
}
