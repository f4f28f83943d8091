import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import VeilWeb

/// The pages, scripts and style sheet are the files in Sources/VeilWeb/Resources, served as
/// they are with their content types; a missing one stops the console with its name.
@Suite struct PageTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/VeilWeb/Resources").standardizedFileURL

    static func file(_ name: String) throws -> Data { try Data(contentsOf: resources.appendingPathComponent(name)) }

    /// What the console serves for `files`: the files joined; for a signed-in staff page (with
    /// a title), poured with the title into staff-page.html's `{{main}}` and `{{title}}`.
    static func page(_ files: [String], title: String? = nil) throws -> Data {
        let joined = try files.map(Self.file).reduce(Data(), +)
        guard let title else { return joined }
        let template = String(decoding: try file("staff-page.html"), as: UTF8.self)
        return Data(template.replacingOccurrences(of: "{{title}}", with: title)
            .replacingOccurrences(of: "{{main}}", with: String(decoding: joined, as: UTF8.self)).utf8)
    }

    @Test func everyPathServesItsFilesAsTheyAreWithItsContentType() async throws {
        let (html, javaScript) = ("text/html; charset=utf-8", "text/javascript; charset=utf-8")
        let served: [(path: String, type: String, files: [String], title: String?)] = [
            ("/login", html, ["login.html"], nil), ("/", html, ["cameras.html"], "Cameras"),
            ("/cameras/room", html, ["camera.html"], "Camera"), ("/status", html, ["status.html"], "Status"),
            ("/static/login.js", javaScript, ["login.js"], nil),
            ("/static/console.js", javaScript, ["player.js", "console.js"], nil),
            ("/static/console.css", "text/css; charset=utf-8", ["console.css"], nil),
        ]
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let admin = try await fixture.logIn(client, as: "admin")
            for (path, type, files, title) in served {
                let response = try await client.execute(uri: path, method: .get, headers: [.cookie: admin.cookie])
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == SecurityHeaders.contentSecurityPolicy, "\(path)")
                #expect(Data(buffer: response.body) == (try Self.page(files, title: title)), "\(path)")
            }
            // The camera's name is the script's to read from the address: nothing of it is in the page.
            let odd = try await client.execute(uri: "/cameras/%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get,
                                               headers: [.cookie: admin.cookie])
            #expect(Data(buffer: odd.body) == (try Self.page(["camera.html"], title: "Camera")))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path)
        #expect(Set(names) == Set(served.flatMap(\.files) + ["staff-page.html"]), "every file in Resources is served, and only those")
    }

    /// The content security policy allows no inline script or style: the pages load the two
    /// scripts and the style sheet by address, and nothing else.
    @Test func pagesHaveNoInlineScriptOrStyle() throws {
        for (page, title) in [("login.html", nil), ("cameras.html", "Cameras"), ("camera.html", "Camera"), ("status.html", "Status")] {
            let html = String(decoding: try Self.page([page], title: title), as: UTF8.self)
            let scripts = html.matches(of: /<script[^>]*>/).map { String($0.output) }
            #expect(scripts == [page == "login.html" ? #"<script src="/static/login.js" defer>"# : #"<script src="/static/console.js" defer>"#])
            #expect(html.components(separatedBy: "</script>").count == 2, "\(page)")
            #expect(!html.contains("<style") && !html.contains(" style=") && html.firstMatch(of: /\son[a-z]+=/) == nil, "\(page)")
        }
    }

    @Test func aMissingFileIsNamedWithWhatToDo() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("veil-web-resources-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.resources, to: copy)
        for name in ["player.js", "status.html"] { try FileManager.default.removeItem(at: copy.appendingPathComponent(name)) }
        let error = #expect(throws: WebConsoleError.self) { try ConsoleAssets.load(from: copy) }
        let message = error?.description ?? ""
        #expect(message.contains(copy.appendingPathComponent("player.js").path) && message.contains("status.html"), "\(message)")
        #expect(message.contains("Veil_VeilWeb.resources") && message.contains("scripts/install.sh"), "\(message)")
        #expect(try ConsoleAssets.load(from: Self.resources).served.count == ConsoleAssets.routes.count)
    }

    /// The files are read from the folder beside the binary (symbolic links resolved) and from
    /// nowhere else: without that folder the console stops naming it, not with a trap and not
    /// by serving the build tree's copy.
    @Test func theFilesAreReadFromBesideTheBinaryOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("veil-web-bin-" + UUID().uuidString)
            .resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin"), elsewhere = root.appendingPathComponent("elsewhere")
        for directory in [bin, elsewhere] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        let binary = bin.appendingPathComponent("veil"), link = elsewhere.appendingPathComponent("veil")
        #expect(FileManager.default.createFile(atPath: binary.path, contents: Data()))
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: binary)

        let error = #expect(throws: WebConsoleError.self) { try ConsoleAssets.besideExecutable(link.path) }
        let message = error?.description ?? ""
        #expect(message.contains(bin.appendingPathComponent("Veil_VeilWeb.resources").path) && message.contains("scripts/install.sh"),
                "\(message)")
        try FileManager.default.copyItem(at: Self.resources, to: bin.appendingPathComponent(ConsoleAssets.bundleName))
        #expect(try ConsoleAssets.besideExecutable(link.path).served.map(\.path) == ConsoleAssets.routes.map(\.path))
    }
}
