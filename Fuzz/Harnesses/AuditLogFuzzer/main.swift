// libFuzzer drives the harness in AuditLogFuzzer.swift (see FuzzDriver).
import FuzzSupport

FuzzDriver.run { fuzz($0, $1) }
