/// Why the metrics endpoint could not start. Says which address and what to change.
public struct MetricsEndpointError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable { case notLoopback, bindFailed }

    let code: Code
    public let description: String

    static func notLoopback(_ host: String) -> MetricsEndpointError {
        MetricsEndpointError(code: .notLoopback, description:
            "metrics endpoint: '\(host)' is not a loopback address; the metrics name the cameras and are served on "
            + "127.0.0.1, another 127.x.y.z, localhost or ::1 only (put a reverse proxy in front to publish them)")
    }

    static func bindFailed(host: String, port: UInt16, reason: String) -> MetricsEndpointError {
        MetricsEndpointError(code: .bindFailed, description:
            "metrics endpoint: cannot listen on \(host):\(port): \(reason); "
            + "choose another port under metrics.listen or stop the process holding it")
    }
}
