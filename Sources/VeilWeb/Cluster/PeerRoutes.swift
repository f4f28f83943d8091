import Hummingbird

/// What one node serves the others (`/cluster/v1/…`, only to a registered node's certificate,
/// see ``PeerAccess``): its own cameras' state, live streams and redacted recorded segments,
/// exactly as its console serves them to staff. Never raw footage.
struct PeerRoutes {
    static let prefix = "/cluster/v1"
    let services: ConsoleServices

    func add(to router: Router<ConsoleContext>) {
        router.get("\(Self.prefix)/cameras") { _, _ in Reply.json(CameraRoutes.local(services.feeds)) }
        let live = LiveRoutes(services: services)
        router.get("\(Self.prefix)/cameras/:name/live.m3u8") { _, context in
            try LiveRoutes.playlist(try live.stream(try context.parameters.require("name")))
        }
        router.get("\(Self.prefix)/cameras/:name/live/:file") { _, context in
            try LiveRoutes.file(try context.parameters.require("file"), of: try live.stream(try context.parameters.require("name")))
        }
        router.get("\(Self.prefix)/cameras/:name/recorded/:id/:file") { request, context in
            try await RecordedRoutes.fragment(request, context, services: services)
        }
    }
}
