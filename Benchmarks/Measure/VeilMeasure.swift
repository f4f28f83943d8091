import ArgumentParser
#if canImport(Glibc)
@preconcurrency import Glibc
#else
@preconcurrency import Darwin
#endif

/// `veil-measure`: measurements that print numbers and assert nothing, so they are not tests.
/// Declared in Package.swift only when `VEIL_MEASURE` is set, so neither the demo's release
/// build nor the test build compiles it. Benchmarks/README.md says how to run each.
@main
struct VeilMeasure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veil-measure",
        abstract: "Measurements of Veil's redaction (not tests: they print, and assert nothing).",
        subcommands: [CadenceCommand.self, VisionCommand.self]
    )
}

/// Each printed line is written as it is measured, into a file or pipe too (there C buffers
/// whole blocks, so a long run shows nothing until it ends, and loses it all if stopped).
func lineBufferedOutput() {
    setvbuf(stdout, nil, _IOLBF, 0)
}
