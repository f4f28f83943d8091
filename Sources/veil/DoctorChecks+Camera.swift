import Foundation
import VeilConfig
import VeilCore
import VeilRecorder

extension DoctorChecks {
    /// Connects once, as the recorder would, and reports what the camera sends.
    func camera(_ camera: CameraConfiguration, timeout: Duration) -> DoctorFinding {
        let check = "camera \(camera.name)"
        let source: String
        let fix: String
        switch camera.source {
        case .network(let network):
            // `url` never holds credentials (the loader splits them off); redacted again all the same.
            source = redactingCredentials(network.url)
            let probe: String
            if case .tls = network.security, let url = URLComponents(string: source), let host = url.host {
                probe = "openssl s_client -connect \(host):\(url.port ?? 322)"
            } else {
                probe = "ffprobe -rtsp_transport \(network.transport.rawValue) \(source)"
            }
            fix = "check that the camera is on and reachable from this host (\(probe)), "
                + "or correct the url of camera \(camera.name) in \(configPath)"
        case .file(let file):
            source = file.path
            fix = "check that \(file.path) exists and plays (ffprobe \(file.path))"
        }
        do {
            let stream = try CameraProbe.probe(camera, timeout: timeout)
            let rate = stream.framesPerSecond.map { String(format: "%g fps", ($0 * 100).rounded() / 100) } ?? "frame rate not stated"
            return .ok(check, "\(source) sends \(stream.codec) \(stream.width)×\(stream.height) at \(rate)")
        } catch {
            let limit = String(format: "%gs", timeout.inSeconds)
            return .fail(check, "cannot be read (timeout \(limit)): " + redactingCredentials("\(error)"), fix: fix)
        }
    }
}
