// swift-tools-version: 6.1
import PackageDescription

// OpenCV 4.6's headers live under /usr/include/opencv4, which `headerSearchPath`
// rejects as absolute; the unsafe flag is allowed because this is the root package.
let openCVInclude: [CXXSetting] = [.unsafeFlags(["-I/usr/include/opencv4", "-std=c++17"])]
// OpenVINO's C headers come from its PyPI wheel, unpacked by scripts/install-openvino.sh;
// nothing links against its libraries (COpenVINO loads them at run time).
let openVINOInclude = "-I/usr/local/lib/veil/openvino/include"

let package = Package(
    name: "Veil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "veil", targets: ["veil"]),
        // For the fuzzing package in Fuzz/, which depends on this one by path.
        .library(name: "VeilCore", targets: ["VeilCore"]),
        .library(name: "VeilVault", targets: ["VeilVault"]),
        .library(name: "VeilMedia", targets: ["VeilMedia"]),
        .library(name: "VeilConfig", targets: ["VeilConfig"]),
        .library(name: "VeilExport", targets: ["VeilExport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Without its default trait ConfigurationSupport: nothing here reads swift-configuration,
        // and not building it saves a module of ~21,000 lines in every build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries, each owned by exactly one Swift module above it.
        .systemLibrary(name: "CFFmpeg", pkgConfig: "libavformat"),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "CVeilVision",
            cxxSettings: openCVInclude,
            linkerSettings: [
                .linkedLibrary("opencv_core"), .linkedLibrary("opencv_imgproc"),
                .linkedLibrary("opencv_dnn"),
            ]
        ),

        .target(name: "COpenVINO", cSettings: [.unsafeFlags([openVINOInclude])],
                linkerSettings: [.linkedLibrary("dl")]),

        .target(name: "VeilCore"),
        .target(name: "VeilInference", dependencies: ["COpenVINO", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: [.unsafeFlags(["-Xcc", openVINOInclude])]),
        .target(name: "VeilMedia", dependencies: ["VeilCore", "CFFmpeg"]),
        .target(name: "VeilVision", dependencies: ["VeilCore", "VeilInference", "CVeilVision",
                                                   .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "VeilVault", dependencies: ["VeilCore", .product(name: "Crypto", package: "swift-crypto"),
                                                  .product(name: "_CryptoExtras", package: "swift-crypto")]),
        // The console's users: roles, scrypt password hashes (the vault's KDF), API tokens, kept as
        // the vault's checksummed record files (its `package` DurableFiles and RecordFile).
        .target(name: "VeilStaff", dependencies: ["VeilCore", "VeilVault"]),
        // The rtsps relay: swift-nio sockets, NIOSSL's TLS; X509 verifies chains inside NIOSSL's
        // verification callback (for messages that say why), Crypto hashes the pinned certificate.
        .target(
            name: "VeilTransport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "VeilPipeline", dependencies: ["VeilCore", "VeilMedia", "VeilVision"]),
        // `veil bench`: each pipeline stage and occupancy counting timed alone, on real clips.
        .target(
            name: "VeilBenchmark",
            dependencies: [
                "VeilCore", "VeilMedia", "VeilVision", "VeilPipeline", "VeilRecorder", "VeilArchive", "VeilMetrics",
                "VeilOccupancy", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "VeilArchive", dependencies: ["VeilCore", .product(name: "GRDB", package: "GRDB.swift"),
                                                   .product(name: "Crypto", package: "swift-crypto")]),
        // Cluster state on PostgreSQL (postgres-nio): schema migrations, nodes, camera leases with
        // fencing generations, segment and gap rows. No key material.
        .target(
            name: "VeilCluster",
            dependencies: [
                "VeilCore", "VeilArchive",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Clips out of the archive: redacted exports with signed manifests, their verification,
        // and the officer's unlock of sealed raw footage.
        .target(name: "VeilExport", dependencies: ["VeilCore", "VeilMedia", "VeilArchive", "VeilVault",
                                                   .product(name: "Crypto", package: "swift-crypto")]),
        // The live redacted stream of each camera, cut into HLS segments in memory for the console.
        .target(name: "VeilLive", dependencies: ["VeilMedia"]),
        // Anonymous occupancy: counting value types, nothing per person outlives a frame.
        .target(name: "VeilOccupancy", dependencies: ["VeilCore"]),
        // The recorder's Prometheus metrics: swift-metrics handles over swift-prometheus,
        // served by HummingbirdCore's HTTP/1 server on the loopback address of `metrics.listen`,
        // as a service of `veil record`'s group.
        .target(
            name: "VeilMetrics",
            dependencies: [
                "VeilCore", .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // YAMLNesting also imports Yams' C module CYaml (libyaml's event parser, for the depth
        // check Yams has no public API for); SwiftPM offers no way to name a package's inner target.
        .target(
            name: "VeilConfig",
            dependencies: ["VeilCore", "VeilMedia", "VeilInference", "VeilVision", "VeilPipeline", "VeilOccupancy",
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "VeilRecorder",
            dependencies: [
                "VeilCore", "VeilMedia", "VeilInference", "VeilVision", "VeilPipeline", "VeilMetrics", "VeilVault", "VeilArchive", "VeilTransport",
                "VeilConfig", "VeilOccupancy", "VeilLive", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The staff console: HTTPS, logins, live and recorded redacted HLS, exports. Serves only
        // what the redacted encoder and redacted segments produce.
        .target(
            name: "VeilWeb",
            dependencies: [
                "VeilCore", "VeilArchive", "VeilVault", "VeilStaff", "VeilExport", "VeilLive",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The pages, scripts and style sheet, as files (syntax-checked by scripts/test.sh),
            // in the Veil_VeilWeb.resources bundle beside the binary, where install.sh puts it too.
            resources: [.process("Resources")]
        ),
        .executableTarget(
            name: "veil",
            dependencies: [
                "VeilCore", "VeilMedia", "VeilInference", "VeilVision", "VeilVault", "VeilPipeline", "VeilArchive",
                "VeilConfig", "CMalloc", "VeilOccupancy", "VeilMetrics", "VeilBenchmark",
                "VeilRecorder", "VeilExport", "VeilWeb", "VeilStaff", "VeilCluster", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // What several test targets share: test cameras, certificates, the one way to run a program,
        // image fixtures and the entering-person scene (which veil-measure runs too).
        .target(name: "VeilTestSupport", dependencies: ["VeilCore", "VeilMedia", "VeilVision", "VeilPipeline"],
                path: "Tests/VeilTestSupport"),
        .testTarget(name: "VeilCoreTests", dependencies: ["VeilCore"]),
        .testTarget(name: "VeilMediaTests", dependencies: ["VeilTestSupport", "VeilMedia"]),
        .testTarget(name: "VeilInferenceTests", dependencies: ["VeilInference"]),
        .testTarget(name: "VeilVisionTests", dependencies: ["VeilTestSupport", "VeilCore", "VeilVision", "VeilInference"]),
        // VeilStaff: the golden v1 data directory holds a console user, made and read back there.
        .testTarget(name: "VeilVaultTests", dependencies: ["VeilTestSupport", "VeilVault", "VeilCore", "VeilStaff"]),
        .testTarget(name: "VeilStaffTests", dependencies: ["VeilTestSupport", "VeilStaff", "VeilVault"]),
        .testTarget(name: "VeilPipelineTests", dependencies: ["VeilTestSupport", "VeilCore", "VeilPipeline", "VeilMedia", "VeilVision"]),
        .testTarget(name: "VeilBenchmarkTests", dependencies: ["VeilBenchmark", "VeilCore"]),
        .testTarget(name: "VeilMetricsTests", dependencies: [
            "VeilMetrics", "VeilCore", .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "VeilArchiveTests", dependencies: ["VeilArchive", "VeilCore", "VeilOccupancy",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "VeilOccupancyTests", dependencies: ["VeilOccupancy", "VeilCore"]),
        .testTarget(name: "VeilClusterTests", dependencies: ["VeilTestSupport", "VeilCluster", "VeilArchive",
                                                           .product(name: "Logging", package: "swift-log"),
                                                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .testTarget(name: "VeilConfigTests", dependencies: ["VeilTestSupport", "VeilConfig", "VeilCore", "VeilMedia", "VeilPipeline", "VeilVision", "VeilOccupancy"]),
        .testTarget(name: "VeilTransportTests", dependencies: ["VeilTestSupport", "VeilTransport", "VeilMedia"]),
        .testTarget(name: "VeilCLITests", dependencies: ["VeilTestSupport", "veil", "VeilCore", "VeilConfig", "VeilMedia", "VeilVision",
                                                       .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "VeilWebTests",
            dependencies: ["VeilTestSupport", "VeilWeb", "VeilCore", "VeilVault", "VeilStaff", "VeilExport", "VeilLive", "VeilArchive",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "VeilRecorderTests",
            dependencies: ["VeilTestSupport", "VeilRecorder", "VeilExport", "VeilCore", "VeilPipeline", "VeilMetrics", "VeilArchive",
                           "VeilVault", "VeilConfig", "VeilMedia", "VeilVision", "VeilOccupancy",
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// `veil-measure` (Benchmarks/Measure): measurements that print and assert nothing, so not tests.
// Declared only when asked, `VEIL_MEASURE=1 swift run -c release veil-measure …`, so neither the
// demo's `swift build --product veil` nor `swift build --build-tests` compiles or links it.
if Context.environment["VEIL_MEASURE"] != nil {
    package.targets.append(.executableTarget(
        name: "veil-measure",
        dependencies: ["VeilTestSupport", "VeilCore", "VeilMedia", "VeilVision", "VeilPipeline",
                       .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "Benchmarks/Measure"
    ))
}

// The upcoming language features Hummingbird builds with, on for every Veil target: `any` spelled
// out, members visible only from modules a file imports, and imports internal unless a file says
// `public import` / `package import` (so each file states which modules its API exposes).
//
// Release builds are testable: the demo's `swift build -c release` and the tests'
// `swift build -c release --build-tests` then share every compiled module, so the tests after
// the demo build only the test targets (one build configuration instead of a release and a debug
// build of the same code). Testability keeps internal symbols visible to other modules; the
// optimiser still works across each whole module.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .unsafeFlags(["-enable-testing"], .when(configuration: .release)),
    ]
}
