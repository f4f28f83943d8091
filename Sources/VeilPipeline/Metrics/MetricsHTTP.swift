/// The whole HTTP/1.1 surface of the metrics endpoint, as pure functions of bytes: one
/// request per connection, `GET`/`HEAD /metrics` or an error status, always `Connection: close`.
enum MetricsHTTP {
    /// A request head larger than this is refused (431): a scraper sends a few hundred bytes.
    static let maxRequestHeadBytes = 8192

    struct Response {
        var status: Int
        var reason: String
        var contentType = "text/plain; charset=utf-8"
        var body: String
        var extraHeaders: [(String, String)] = []
        /// HEAD: the same headers, no body.
        var omitsBody = false

        /// Status line, headers and body, ready to send.
        var bytes: [UInt8] {
            let body = Array(body.utf8)
            var head = "HTTP/1.1 \(status) \(reason)\r\n"
            head += "Content-Type: \(contentType)\r\n"
            head += "Content-Length: \(body.count)\r\n"
            for (name, value) in extraHeaders { head += "\(name): \(value)\r\n" }
            head += "Connection: close\r\n\r\n"
            return Array(head.utf8) + (omitsBody ? [] : body)
        }

        static func error(_ status: Int, _ reason: String, extraHeaders: [(String, String)] = []) -> Response {
            Response(status: status, reason: reason, body: "\(status) \(reason)\n", extraHeaders: extraHeaders)
        }
    }

    /// The index just past the blank line that ends the request head, or nil while incomplete.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index - 3] == 13 && bytes[index - 2] == 10
            && bytes[index - 1] == 13 && bytes[index] == 10 {
            return index + 1
        }
        return nil
    }

    /// The answer to a complete request head; `render` runs only for a `/metrics` request.
    static func respond(toHead head: [UInt8], render: () -> String) -> Response {
        guard let lineEnd = head.firstIndex(of: 13),
              let line = String(validating: head[..<lineEnd], as: UTF8.self) else {
            return .error(400, "Bad Request")
        }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("/"), parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            return .error(400, "Bad Request")
        }
        let path = parts[1].prefix { $0 != "?" }
        guard path == "/metrics" else { return .error(404, "Not Found") }
        guard parts[0] == "GET" || parts[0] == "HEAD" else {
            return .error(405, "Method Not Allowed", extraHeaders: [("Allow", "GET, HEAD")])
        }
        return Response(status: 200, reason: "OK", contentType: Exposition.contentType, body: render(),
                        omitsBody: parts[0] == "HEAD")
    }
}
