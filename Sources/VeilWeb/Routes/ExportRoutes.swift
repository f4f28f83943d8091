import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import VeilExport
import VeilVault
import VeilStaff

/// `POST /api/exports` `{camera, from, to, exact}` runs `veil export`'s export and answers with
/// the URLs of the clip and its signed manifest (kept a day, for the user who made them).
struct ExportRoutes {
    let services: ConsoleServices

    struct Order: Decodable { let camera: String; let from: String; let to: String; let exact: Bool? }
    struct Made: Codable {
        let id: String
        let clip: String
        let manifest: String
        let actualFrom: Date
        let actualTo: Date
        let frames: Int
        let bytes: Int64
        let gaps: [String]
        /// In a cluster: the node that cut the clip (and whose export key signs its manifest).
        var node: String?
    }

    func add(to router: Router<ConsoleContext>) {
        router.post("/api/exports") { request, context in
            let identity = try context.user
            guard let order = try? await request.decode(as: Order.self, context: context) else {
                throw ConsoleError(.badRequest, "send JSON {\"camera\": NAME, \"from\": TIME, \"to\": TIME, \"exact\": false}")
            }
            guard services.feed(order.camera) != nil else { throw ConsoleError(.notFound, "no camera '\(order.camera)' is configured") }
            let range = try TimeRange(from: order.from, to: order.to, now: services.now()).range
            let exact = order.exact ?? false
            if let owner = try await ClusterExports(services: services).owner(of: order.camera, range: range) {
                let made = try await ClusterExports(services: services).export(
                    PeerExportOrder(camera: order.camera, from: range.lowerBound, to: range.upperBound, exact: exact,
                                    user: identity.account.name, via: services.cluster?.nodeName ?? ""), on: owner)
                try services.record(identity.actor, "web.export", subject: "camera \(order.camera) from \(order.from) to \(order.to)",
                                    reason: "export \(made.id) cut by node \(owner.name) for \(context.clientAddress): \(made.frames) frames")
                return Reply.json(made, status: .created)
            }
            let made = try await Self.export(services: services, camera: order.camera, range: range, exact: exact,
                                             user: identity.account.name, actor: identity.actor, from: context.clientAddress,
                                             subject: "camera \(order.camera) from \(order.from) to \(order.to)")
            return Reply.json(made, status: .created)
        }
        // A clip another node cut (``ClusterExports``), fetched from it for the user who asked.
        router.get("/nodes/:node/exports/:id/:file") { _, context in
            let identity = try context.user
            let node = try await services.activeNode(try context.parameters.require("node"))
            let user = identity.account.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let path = PeerRoutes.path("exports", try context.parameters.require("id"), try context.parameters.require("file"),
                                       query: "user=\(user)" + (identity.account.role == .admin ? "&admin=1" : ""))
            return try await services.proxy(path, to: node)
        }
        router.get("/exports/:id/:file") { _, context in
            let identity = try context.user
            return try await Self.download(services: services, id: try context.parameters.require("id"),
                                           file: try context.parameters.require("file"), user: identity.account.name,
                                           anyUser: identity.account.role == .admin, context: context)
        }
    }

    /// The clip or the manifest of export `id`, if `user` made it (or `anyUser`), streamed from its file.
    static func download(services: ConsoleServices, id: String, file: String, user: String, anyUser: Bool,
                         context: ConsoleContext) async throws -> Response {
        guard let entry = services.exports.entry(id), entry.user == user || anyUser else {
            throw ConsoleError(.notFound, "no export \(id) of yours (exports are kept \(Int(ExportShelf.keptFor / 3600)) h)")
        }
        let (path, type, name): (String, String, String) = switch file {
        case "clip.mp4": (services.exports.clipPath(entry), "video/mp4", entry.clipName)
        case "manifest.json": (services.exports.manifestPath(entry), "application/json", entry.clipName + ".manifest.json")
        default: throw ConsoleError(.notFound, "no such file \(file)")
        }
        // Streamed from the file: an hour's clip is too large to hold in memory.
        let body = try await FileIO().loadFile(path: path, context: context)
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: body)
    }

    /// Cuts the clip here, on the export shelf for `user`, and audits it (as `actor`, asked from
    /// `from`, the act's `subject`). In a cluster the manifest names this node.
    static func export(services: ConsoleServices, camera: String, range: Range<Date>, exact: Bool, user: String,
                       actor: String, from: String, subject: String) async throws -> Made {
        let shelf = services.exports, node = services.cluster?.nodeName
        let (entry, result) = try await NIOThreadPool.singleton.runIfActive {
            try shelf.export(camera: camera, from: range.lowerBound, to: range.upperBound, exact: exact, user: user, node: node)
        }
        try services.record(actor, "web.export", subject: subject,
                            reason: "export \(entry.id) from \(from): \(result.frames) frames, sha256 \(result.manifest.output.sha256)")
        return Made(id: entry.id, clip: "/exports/\(entry.id)/clip.mp4", manifest: "/exports/\(entry.id)/manifest.json",
                    actualFrom: result.actualStart, actualTo: result.actualEnd, frames: result.frames,
                    bytes: result.bytes, gaps: result.plan.gaps.map(\.description), node: node)
    }

    /// The HTTP status an export refusal maps to.
    static func status(of error: ExportError) -> HTTPResponse.Status {
        switch error {
        case .unknownCamera, .noFootage: .notFound
        case .emptyRange, .exactCutImpossible: .badRequest
        case .noSpace: .init(code: 507, reasonPhrase: "Insufficient Storage")
        default: .internalServerError
        }
    }
}
