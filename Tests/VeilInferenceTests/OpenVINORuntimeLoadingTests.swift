import Testing
import VeilInference

/// Where the runtime is looked for. What a missing or broken runtime says is checked on the
/// real binary (VeilCLITests.InferenceBackendCLITests): loading happens once per process.
@Suite struct OpenVINORuntimeLoadingTests {
    @Test func searchesBesideTheBinaryThenTheSetupDirectory() {
        #expect(OpenVINORuntime.searchPath(environment: [:], executablePath: "/usr/local/bin/veil")
                    == ["/usr/local/lib/veil/openvino", OpenVINORuntime.installedDirectory])
        #expect(OpenVINORuntime.searchPath(environment: [:], executablePath: nil) == [OpenVINORuntime.installedDirectory])
    }

    @Test func theEnvironmentVariableIsTheOnlyPlaceWhenSet() {
        #expect(OpenVINORuntime.searchPath(environment: ["VEIL_OPENVINO_DIR": "/opt/ov"],
                                           executablePath: "/usr/local/bin/veil") == ["/opt/ov"])
    }
}
