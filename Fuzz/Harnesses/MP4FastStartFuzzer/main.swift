// libFuzzer drives the harness in MP4FastStartFuzzer.swift (see FuzzDriver).
import FuzzSupport

FuzzDriver.run { fuzz($0, $1) }
