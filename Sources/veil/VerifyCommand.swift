import ArgumentParser
import Foundation
import VeilRecorder
import VeilVault
import VeilExport

/// `veil verify clip.mp4`: checks an exported clip against its signed manifest.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an exported clip against its manifest and the manifest's signature.",
        discussion: "Uses this node's export key unless --public-key names another node's public key PEM."
    )

    @Argument(help: "The exported clip.") var clip: String
    @Option(help: "The manifest (default: <clip>.manifest.json).") var manifest: String?
    @Option(name: .customLong("public-key"), help: "PEM file of the exporting node's public key.") var publicKey: String?
    @OptionGroup var data: DataDirectoryOptions

    func run() throws {
        do {
            var key: Ed25519PublicKey? = nil
            if let publicKey {
                guard let text = try? String(contentsOfFile: publicKey, encoding: .utf8), let parsed = Ed25519PublicKey(pem: text) else {
                    throw CommandFailure("--public-key \(publicKey) is not an Ed25519 public key PEM; get one with 'veil export-key'.")
                }
                key = parsed
            }
            let report = try ClipVerifier(publicKey: key, dataDirectory: data.resolved).verify(clip: clip, manifest: manifest)
            let m = report.manifest
            print("OK: \(clip) matches its manifest (sha256 \(m.output.sha256), \(m.output.bytes) bytes); signature by export key \(report.publicKey.fingerprint.prefix(16)) verifies")
            print("camera \(m.camera), \(m.actual.from) – \(m.actual.to), \(m.segments.count) segment(s), \(m.gaps.count) gap(s), exported \(m.createdAt)")
        } catch {
            throw reportFailure(error)
        }
    }
}
