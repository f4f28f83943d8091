// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harnesses for every parser of untrusted bytes (README.md). A package of its own,
// so the root package's `swift build --build-tests` never sees them: they only link with
// `-sanitize=fuzzer`. Build and run them with `bash Fuzz/run.sh SECONDS`.

let harnesses: [(name: String, dependencies: [String])] = [
    ("SealedSegmentFuzzer", ["VeilVault"]),
    ("VaultRecordFuzzer", ["VeilVault", "VeilCore"]),
    ("AuditLogFuzzer", ["VeilVault", "VeilCore"]),
    ("ConfigFuzzer", ["VeilConfig"]),
    ("CameraURLFuzzer", ["VeilConfig"]),
    ("MP4IndexFuzzer", ["VeilMedia"]),
    ("MP4FastStartFuzzer", ["VeilMedia"]),
    ("H264ParameterSetsFuzzer", ["VeilMedia"]),
    ("ExportVerifyFuzzer", ["VeilExport", "VeilVault", "VeilCore"]),
]

let package = Package(
    name: "VeilFuzz",
    dependencies: [.package(name: "Veil", path: "..")],
    targets: [.target(name: "CLibFuzzer"), .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"])] + harnesses.map { harness in
        .executableTarget(
            name: harness.name,
            dependencies: ["FuzzSupport"] + harness.dependencies.map { .product(name: $0, package: "Veil") },
            path: "Harnesses/\(harness.name)"
        )
    },
    swiftLanguageModes: [.v6]
)
