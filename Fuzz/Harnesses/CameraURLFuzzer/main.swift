// libFuzzer drives the harness in CameraURLFuzzer.swift (see FuzzDriver).
import FuzzSupport

FuzzDriver.run { fuzz($0, $1) }
