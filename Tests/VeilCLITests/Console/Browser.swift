import Foundation
import VeilTestSupport

/// Debian's chromium, headless, driven through chromedriver's W3C WebDriver protocol (JSON
/// over HTTP on loopback): the real browser the console's pages and player must work in.
final class Browser {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    private let driver = Process()
    private let http: HTTPClient
    private var session = ""
    let downloads: URL

    static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    init(downloads: URL) throws {
        self.downloads = downloads
        let port = Int.random(in: 20000...40000)
        http = HTTPClient(base: "http://127.0.0.1:\(port)")
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? http.request("GET", "/status"))?.status != 200 {
            guard Date() < deadline else { throw TestSupport.Failure(description: "chromedriver did not start") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["goog:chromeOptions": [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--autoplay-policy=no-user-gesture-required", "--window-size=1280,1000"],
            "prefs": ["download.default_directory": downloads.path, "download.prompt_for_download": false],
        ]]]]
        let created = try call("POST", "/session", capabilities)
        session = (created as? [String: Any])?["sessionId"] as? String ?? ""
        guard !session.isEmpty else { throw TestSupport.Failure(description: "no WebDriver session: \(String(describing: created))") }
    }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: Any? = nil) throws -> Any? {
        let json = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let reply = try http.request(method, (session.isEmpty ? "" : "/session/\(session)") + path, json: json ?? (method == "POST" ? "{}" : nil))
        let value = (reply.json as? [String: Any])?["value"]
        if reply.status != 200 { throw TestSupport.Failure(description: "WebDriver \(method) \(path): \(reply.status) \(reply.text.prefix(500))") }
        return value
    }

    func open(_ url: String) throws { try call("POST", "/url", ["url": url]) }
    var currentURL: String { get throws { try call("GET", "/url") as? String ?? "" } }

    func element(_ css: String) throws -> String {
        let found = try call("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any]
        guard let id = found?[Self.elementKey] as? String else { throw TestSupport.Failure(description: "no element \(css)") }
        return id
    }

    func type(_ text: String, into css: String) throws { try call("POST", "/element/\(try element(css))/value", ["text": text]) }
    func click(_ css: String) throws { try call("POST", "/element/\(try element(css))/click") }

    func run(_ script: String) throws -> Any? { try call("POST", "/execute/sync", ["script": script, "args": [Any]()]) }

    func screenshot(to path: String) throws {
        guard let base64 = try call("GET", "/screenshot") as? String, let png = Data(base64Encoded: base64) else {
            throw TestSupport.Failure(description: "no screenshot")
        }
        try png.write(to: URL(fileURLWithPath: path))
    }

    func quit() {
        if !session.isEmpty { _ = try? http.request("DELETE", "/session/\(session)") }
        // chromedriver may ignore SIGTERM while a browser it started is closing.
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }
}
