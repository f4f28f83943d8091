import Hummingbird

/// The console's pages and their one script and style sheet. The HTML is static: everything
/// a page shows comes from the JSON API, with the same access rules as for scripts.
struct PageRoutes {
    func add(to router: Router<ConsoleContext>) {
        router.get("/login") { _, _ in Reply.text(Pages.login, type: "text/html; charset=utf-8") }
        router.get("/") { _, _ in Reply.text(Pages.grid, type: "text/html; charset=utf-8") }
        router.get("/cameras/:name") { _, _ in Reply.text(Pages.camera, type: "text/html; charset=utf-8") }
        router.get("/status") { _, _ in Reply.text(Pages.status, type: "text/html; charset=utf-8") }
        router.get("/static/login.js") { _, _ in Reply.text(Scripts.login, type: "text/javascript; charset=utf-8") }
        router.get("/static/console.js") { _, _ in
            Reply.text(Scripts.player + Scripts.console, type: "text/javascript; charset=utf-8")
        }
        router.get("/static/console.css") { _, _ in Reply.text(Pages.style, type: "text/css; charset=utf-8") }
    }
}
