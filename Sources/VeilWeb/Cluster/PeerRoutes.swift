import Foundation
import Hummingbird

/// What one node serves the others (`/cluster/v1/…`, only to a registered node's certificate,
/// see ``PeerAccess``): its own cameras' state, live streams and redacted recorded segments,
/// exactly as its console serves them to staff, and redacted exports cut here for a user of
/// the asking node. Never raw footage.
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
        // Exports another node asks for (``PeerExportOrder``), cut here; and their files.
        router.post("\(Self.prefix)/exports") { request, context in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard let order = try? decoder.decode(PeerExportOrder.self, from: Data(try await request.body.collect(upTo: 64 * 1024).readableBytesView)) else {
                throw ConsoleError(.badRequest, "send a PeerExportOrder as JSON")
            }
            guard services.feed(order.camera) != nil else { throw ConsoleError(.notFound, "no camera '\(order.camera)' is configured") }
            guard order.from < order.to else { throw ConsoleError(.badRequest, "the range ends before it starts") }
            let formatter = ISO8601DateFormatter()
            let made = try await ExportRoutes.export(
                services: services, camera: order.camera, range: order.from..<order.to, exact: order.exact, user: order.user,
                actor: "web:\(order.user) via node \(order.via)", from: context.clientAddress,
                subject: "camera \(order.camera) from \(formatter.string(from: order.from)) to \(formatter.string(from: order.to))")
            return Reply.json(made, status: .created)
        }
        router.get("\(Self.prefix)/exports/:id/:file") { request, context in
            try await ExportRoutes.download(services: services, id: try context.parameters.require("id"),
                                            file: try context.parameters.require("file"),
                                            user: request.uri.queryParameters.get("user") ?? "",
                                            anyUser: request.uri.queryParameters.get("admin") == "1", context: context)
        }
    }
}
