import ArgumentParser
import Foundation
import VeilVault

/// `veil audit verify|head|show`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the tamper-evident audit log.",
        subcommands: [AuditVerifyCommand.self, AuditHeadCommand.self, AuditShowCommand.self]
    )
}

extension DataDirectoryOptions {
    /// The audit log, read without opening (and sweeping) the vault.
    var auditLog: AuditLog { AuditLog(path: resolved + "/audit/audit.log") }
}
