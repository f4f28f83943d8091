import Foundation
import VeilTestSupport

/// A node's console over HTTPS through curl, trusting that node's own certificate; optionally
/// presenting a client certificate (as another node would).
struct NodeConsoleClient {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        /// The type of the first ISO BMFF box (`ftyp`, `moof`, …).
        var firstBox: String { body.count >= 8 ? String(decoding: body[body.startIndex + 4..<body.startIndex + 8], as: UTF8.self) : "" }
    }

    let base: String
    let caFile: String
    var clientCertificate: (certificate: String, key: String)?
    var cookie: String?
    var csrf: String?

    /// The console of `node`, listening on `port`.
    init(_ node: ClusterTestNode, port: UInt16) {
        base = "https://127.0.0.1:\(port)"
        caFile = node.harness.dataDirectory + "/web/tls/console.crt"
    }

    func request(_ method: String, _ path: String, json: String? = nil) throws -> Reply {
        let directory = try TestSupport.temporaryDirectory(prefix: "veil-curl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bodyFile = directory.appendingPathComponent("body").path, headerFile = directory.appendingPathComponent("headers").path
        var arguments = ["-s", "-X", method, "-o", bodyFile, "-D", headerFile, "-w", "%{http_code}", "--max-time", "60", "--cacert", caFile]
        if let (certificate, key) = clientCertificate { arguments += ["--cert", certificate, "--key", key] }
        if let cookie { arguments += ["-H", "Cookie: \(cookie)"] }
        if let csrf, method != "GET" { arguments += ["-H", "X-CSRF-Token: \(csrf)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let status = try TestSupport.run("/usr/bin/curl", arguments + [base + path])
        var headers: [String: String] = [:]
        for line in (try? String(contentsOfFile: headerFile, encoding: .utf8))?.split(separator: "\r\n") ?? [] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: Int(status) ?? 0, headers: headers, body: FileManager.default.contents(atPath: bodyFile) ?? Data())
    }

    func get(_ path: String) throws -> Reply { try request("GET", path) }

    /// Logged in as `user`: the same client with the session cookie.
    func loggedIn(_ user: String, password: String) throws -> NodeConsoleClient {
        let reply = try request("POST", "/api/session", json: "{\"user\":\"\(user)\",\"password\":\"\(password)\"}")
        guard reply.status == 204, let cookie = reply.headers["set-cookie"]?.split(separator: ";").first else {
            throw TestSupport.Failure(description: "login of \(user) at \(base) answered \(reply.status): \(reply.text)")
        }
        var client = self
        client.cookie = String(cookie)
        client.csrf = (try client.get("/api/session").json as? [String: Any])?["csrfToken"] as? String
        return client
    }
}
