internal import COpenVINO
public import Foundation

/// OpenVINO's C API, loaded once per process from the directory scripts/install-openvino.sh
/// fills. Nothing links against OpenVINO: a machine without it still runs Veil on OpenCV.
public final class OpenVINORuntime: Sendable {
    /// Where scripts/install-openvino.sh puts the libraries and headers by default.
    public static let installedDirectory = "/usr/local/lib/veil/openvino"

    /// The directory the libraries were loaded from.
    public let directory: String
    /// OpenVINO's build number, e.g. "2026.4.1-…".
    public let version: String
    nonisolated(unsafe) let api: UnsafePointer<veilov_api>

    private init(directory: String, api: UnsafePointer<veilov_api>) {
        self.directory = directory
        self.api = api
        var info = ov_version_t()
        if api.pointee.ov_get_openvino_version(&info) == OK, let build = info.buildNumber {
            version = String(cString: build)
            api.pointee.ov_version_free(&info)
        } else {
            version = "unknown"
        }
    }

    /// The directories searched, in order: `lib/veil/openvino` beside the `bin/` of the running
    /// executable (an installed Veil), then the set-up script's directory. `$VEIL_OPENVINO_DIR`,
    /// when set, is the only one: a directory named on purpose that does not hold OpenVINO is
    /// an error, not skipped.
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  executablePath: String? = Bundle.main.executablePath) -> [String] {
        if let fromEnvironment = environment["VEIL_OPENVINO_DIR"], !fromEnvironment.isEmpty {
            return [fromEnvironment]
        }
        var directories: [String] = []
        if let executablePath {
            let prefix = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
                .deletingLastPathComponent().deletingLastPathComponent()
            directories.append(prefix.appendingPathComponent("lib/veil/openvino").path)
        }
        directories.append(installedDirectory)
        return directories
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var shared: OpenVINORuntime?

    /// Loads OpenVINO from the first directory of `searchPath` that holds `libopenvino_c.so`,
    /// or from `directory` alone when given. The first successful load serves the process.
    public static func load(directory: String? = nil) throws -> OpenVINORuntime {
        lock.lock()
        defer { lock.unlock() }
        do {
            if let shared { return shared }
            let candidates = directory.map { [$0] } ?? searchPath()
            guard let found = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0 + "/libopenvino_c.so")
            }) else {
                throw InferenceError(.runtimeUnavailable, operation: "loading OpenVINO",
                                     detail: "no libopenvino_c.so in \(candidates.joined(separator: ", ")); "
                                         + "run scripts/setup.sh (it installs OpenVINO from PyPI)")
            }
            var message = [CChar](repeating: 0, count: 1024)
            guard let api = veilov_load(found, &message, message.count) else {
                throw InferenceError(.runtimeUnavailable, operation: "loading OpenVINO from \(found)",
                                     detail: String(decoding: message.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
                                         + "; re-run scripts/setup.sh")
            }
            let runtime = OpenVINORuntime(directory: found, api: api)
            shared = runtime
            return runtime
        }
    }

    /// OpenVINO's message for the last failed call on this thread.
    func lastError(_ status: ov_status_e) -> String {
        let text = api.pointee.ov_get_last_err_msg().map { String(cString: $0) } ?? ""
        let summary = api.pointee.ov_get_error_info(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? summary : "\(summary): \(trimmed)"
    }

    /// Runs one OpenVINO call and throws `code` with OpenVINO's message when it fails.
    func check(_ status: ov_status_e, _ code: InferenceError.Code, _ operation: @autoclosure () -> String,
               file: String? = nil) throws {
        guard status != OK else { return }
        throw InferenceError(code, operation: operation(), file: file, detail: lastError(status))
    }
}
