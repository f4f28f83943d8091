import Foundation
import VeilTestSupport

/// HTTP from the tests through curl, as a script would call the console: status, headers
/// and body of one request.
struct HTTPClient {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    let base: String
    /// For HTTPS with the console's own certificate.
    var caFile: String?

    func request(_ method: String, _ path: String, headers: [String: String] = [:], json: String? = nil) throws -> Reply {
        let directory = try TestSupport.temporaryDirectory(prefix: "veil-curl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bodyFile = directory.appendingPathComponent("body").path, headerFile = directory.appendingPathComponent("headers").path
        var arguments = ["-s", "-X", method, "-o", bodyFile, "-D", headerFile, "-w", "%{http_code}", "--max-time", "60"]
        if let caFile { arguments += ["--cacert", caFile] }
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let status = try TestSupport.run("/usr/bin/curl", arguments + [base + path])
        var parsed: [String: String] = [:]
        for line in (try? String(contentsOfFile: headerFile, encoding: .utf8))?.split(separator: "\r\n") ?? [] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: Int(status) ?? 0, headers: parsed,
                     body: FileManager.default.contents(atPath: bodyFile) ?? Data())
    }

    /// Logs in; returns the headers a logged-in script sends with the cookie.
    func logIn(_ user: String, password: String) throws -> Session {
        let reply = try request("POST", "/api/session", json: "{\"user\":\"\(user)\",\"password\":\"\(password)\"}")
        guard reply.status == 204, let cookie = reply.headers["set-cookie"]?.split(separator: ";").first else {
            throw TestSupport.Failure(description: "login of \(user) answered \(reply.status): \(reply.text)")
        }
        let me = try request("GET", "/api/session", headers: ["Cookie": String(cookie)])
        let csrf = (me.json as? [String: Any])?["csrfToken"] as? String ?? ""
        return Session(cookie: String(cookie), csrf: csrf)
    }

    struct Session {
        let cookie: String
        let csrf: String
        var headers: [String: String] { ["Cookie": cookie, "X-CSRF-Token": csrf] }
    }
}
