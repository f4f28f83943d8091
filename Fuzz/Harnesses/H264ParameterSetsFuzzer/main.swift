// libFuzzer drives the harness in H264ParameterSetsFuzzer.swift (see FuzzDriver).
import FuzzSupport

FuzzDriver.run { fuzz($0, $1) }
