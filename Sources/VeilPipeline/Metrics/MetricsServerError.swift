import Glibc

/// Why the metrics endpoint could not start. Says which address and what to change.
public struct MetricsServerError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable { case notLoopback, socketFailed, bindFailed }

    let code: Code
    public let description: String

    static func notLoopback(_ host: String) -> MetricsServerError {
        MetricsServerError(code: .notLoopback, description:
            "metrics endpoint: '\(host)' is not a loopback address; the metrics name the cameras and are served on "
            + "127.0.0.1, another 127.x.y.z, localhost or ::1 only (put a reverse proxy in front to publish them)")
    }

    static func socketFailed(_ call: String, errno: Int32) -> MetricsServerError {
        MetricsServerError(code: .socketFailed, description:
            "metrics endpoint: \(call) failed: \(errorText(errno))")
    }

    static func bindFailed(host: String, port: UInt16, errno: Int32) -> MetricsServerError {
        MetricsServerError(code: .bindFailed, description:
            "metrics endpoint: cannot listen on \(host):\(port): \(errorText(errno)); "
            + "choose another port under metrics.listen or stop the process holding it")
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
