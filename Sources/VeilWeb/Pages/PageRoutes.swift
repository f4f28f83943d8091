import Hummingbird

/// The console's pages and their scripts and style sheet, as loaded into ``ConsoleAssets``.
/// The HTML is static: everything a page shows comes from the JSON API, with the same access
/// rules as for scripts.
struct PageRoutes {
    let services: ConsoleServices

    func add(to router: Router<ConsoleContext>) {
        for asset in services.assets.served {
            router.get(RouterPath(asset.path)) { _, _ in Reply.bytes(asset.bytes, type: asset.contentType) }
        }
    }
}
