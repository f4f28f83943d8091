// libFuzzer drives the harness in SealedSegmentFuzzer.swift (see FuzzDriver).
import FuzzSupport

FuzzDriver.run { fuzz($0, $1) }
