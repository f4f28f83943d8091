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

    /// Each route, its content type and its files. The JavaScript is plain and self-written (no
    /// packages are available here). No page has an inline script or style: the content
    /// security policy (``SecurityHeaders``) forbids them.
    static let routes: [(path: String, contentType: String, files: [String])] = [
        ("/login", html, ["login.html"]),
        ("/", html, ["cameras.html"]),
        ("/cameras/:name", html, ["camera.html"]),
        ("/status", html, ["status.html"]),
        ("/static/login.js", javaScript, ["login.js"]),
        // One script for the other pages: first a small HLS player over Media Source Extensions
        // (fMP4 segments, or the browser's own HLS where MSE is missing; live, it starts at the
        // newest segment, follows the playlist and records how far behind the camera each
        // picture shown is, from EXT-X-PROGRAM-DATE-TIME), whose 'use strict' covers both
        // files; then the pages. scripts/test.sh syntax-checks them joined the same way.
        ("/static/console.js", javaScript, ["player.js", "console.js"]),
        ("/static/console.css", "text/css; charset=utf-8", ["console.css"]),
    ]

    /// Reads the files of every route from `directory`; throws naming each one it cannot read.
    static func load(from directory: URL) throws -> ConsoleAssets {
        var problems: [String] = []
        let served = routes.map { route in
            var bytes: [UInt8] = []
            for file in route.files {
                let url = directory.appendingPathComponent(file)
                do { bytes += try Data(contentsOf: url) } catch { problems.append("\(url.path) (\(error.localizedDescription))") }
            }
            return Asset(path: route.path, contentType: route.contentType, bytes: bytes)
        }
        guard problems.isEmpty else {
            throw WebConsoleError("cannot read the staff console's \(problems.joined(separator: ", ")); its pages belong in "
                                  + "the Veil_VeilWeb.resources folder beside the veil binary: reinstall Veil (scripts/install.sh)")
        }
        return ConsoleAssets(served: served)
    }

    /// This build's files, read at their first use: when ``ConsoleServices`` is made, before
    /// `veil record` starts a camera. A file missing there is a broken installation; it stops
    /// the process with ``load(from:)``'s message, since the console's initialiser cannot
    /// throw it, rather than serving a console without its pages.
    static let bundled: ConsoleAssets = {
        // `.process` puts the files at the top of the bundle's resources (its root on Linux).
        do { return try load(from: Bundle.module.resourceURL ?? Bundle.module.bundleURL) } catch { fatalError("\(error)") }
    }()
}
