import Foundation

/// The console's pages, scripts and style sheet: the files in `Resources/`, read once from the
/// resource bundle SwiftPM builds beside the `veil` binary (`Veil_VeilWeb.resources`, which
/// scripts/install.sh installs beside the installed binary). They are static: what a page
/// shows comes from the JSON API, so nothing from a request is ever written into them.
struct ConsoleAssets: Sendable {
    /// What one route answers: its files' bytes, in order, with their content type.
    struct Asset: Sendable {
        let path: String
        let contentType: String
        let bytes: [UInt8]
    }

    let served: [Asset]

    private static let html = "text/html; charset=utf-8"
    private static let javaScript = "text/javascript; charset=utf-8"

    /// What one route serves: its files, joined; for a signed-in staff page, `title` is set and
    /// the files are the page's `<main>`, poured into ``staffPage``.
    struct Route: Sendable {
        let path: String
        let contentType: String
        let files: [String]
        var title: String? = nil
    }

    /// The head, header and note every signed-in page shares, with `{{title}}` and `{{main}}`
    /// for the page's title and its own file (`cameras.html`, `camera.html`, `status.html`).
    static let staffPage = "staff-page.html"

    /// Each route, its content type and its files. The JavaScript is plain and self-written (no
    /// packages are available here). No page has an inline script or style: the content
    /// security policy (``SecurityHeaders``) forbids them.
    static let routes: [Route] = [
        Route(path: "/login", contentType: html, files: ["login.html"]),
        Route(path: "/", contentType: html, files: ["cameras.html"], title: "Cameras"),
        Route(path: "/cameras/:name", contentType: html, files: ["camera.html"], title: "Camera"),
        Route(path: "/status", contentType: html, files: ["status.html"], title: "Status"),
        Route(path: "/static/login.js", contentType: javaScript, files: ["login.js"]),
        // One script for the other pages: first a small HLS player over Media Source Extensions
        // (fMP4 segments, or the browser's own HLS where MSE is missing; live, it starts at the
        // newest segment, follows the playlist and records how far behind the camera each
        // picture shown is, from EXT-X-PROGRAM-DATE-TIME), whose 'use strict' covers both
        // files; then the pages. scripts/test.sh syntax-checks them joined the same way.
        Route(path: "/static/console.js", contentType: javaScript, files: ["player.js", "console.js"]),
        Route(path: "/static/console.css", contentType: "text/css; charset=utf-8", files: ["console.css"]),
    ]

    /// Reads the files of every route from `directory`; throws naming each one it cannot read.
    static func load(from directory: URL) throws -> ConsoleAssets {
        var problems: [String] = []
        func read(_ files: [String]) -> [UInt8] {
            var bytes: [UInt8] = []
            for file in files {
                let url = directory.appendingPathComponent(file)
                do { bytes += try Data(contentsOf: url) } catch { problems.append("\(url.path) (\(error.localizedDescription))") }
            }
            return bytes
        }
        let template = String(decoding: read([staffPage]), as: UTF8.self)
        let served = routes.map { route in
            let bytes = read(route.files)
            guard let title = route.title else { return Asset(path: route.path, contentType: route.contentType, bytes: bytes) }
            let page = template.replacingOccurrences(of: "{{title}}", with: title)
                .replacingOccurrences(of: "{{main}}", with: String(decoding: bytes, as: UTF8.self))
            return Asset(path: route.path, contentType: route.contentType, bytes: Array(page.utf8))
        }
        guard problems.isEmpty else {
            throw WebConsoleError("cannot read the staff console's \(problems.joined(separator: ", ")); its pages belong in "
                                  + "the \(bundleName) folder beside the veil binary: reinstall Veil (scripts/install.sh)")
        }
        return ConsoleAssets(served: served)
    }

    /// The folder SwiftPM builds beside the `veil` binary (`<package>_<target>.resources`).
    static let bundleName = "Veil_VeilWeb.resources"

    /// Reads the files from the ``bundleName`` folder beside the running executable, symbolic
    /// links resolved: `.build/release/veil`'s, an installed `PREFIX/bin/veil`'s, the test
    /// binary's in `.build/debug`. Only there, and not through `Bundle.module`: SwiftPM's
    /// accessor falls back to the folder in the build tree the binary was built in, so an
    /// installed binary without its folder would serve whatever that tree holds now, and with
    /// no tree either it stops the process with `fatalError` instead of an error `veil record`
    /// reports. Called when the console is made, before `veil record` starts a camera.
    static func besideExecutable(_ executablePath: String? = Bundle.main.executablePath) throws -> ConsoleAssets {
        guard let executablePath else {
            throw WebConsoleError("cannot find the staff console's pages: the path of the running veil binary is unknown, "
                                  + "and they are read from the \(bundleName) folder beside it")
        }
        let directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(bundleName, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WebConsoleError("the staff console's pages are missing: there is no folder \(directory.path) beside the veil "
                                  + "binary: reinstall Veil (scripts/install.sh puts it there), or run the veil in .build/release, "
                                  + "which has its own beside it")
        }
        return try load(from: directory)
    }
}
