import Foundation
import Hummingbird

/// What one node serves the others (`/cluster/v1/…`, only to a registered node's certificate,
/// see ``PeerAccess``): its own cameras' state, live streams and redacted recorded segments,
/// exactly as its console serves them to staff. Never raw footage.
struct PeerRoutes {
    static let prefix = "/cluster/v1"
    let services: ConsoleServices

    /// The peer path of `segments` (each percent-encoded, so a parameter from a request can
    /// never add a segment or a query), then `query` as it came.
    static func path(_ segments: String..., query: String? = nil) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encoded = segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return prefix + "/" + encoded.joined(separator: "/") + (query.map { "?" + $0 } ?? "")
    }

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
