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
    struct Made: Encodable {
        let id: String
        let clip: String
        let manifest: String
        let actualFrom: Date
        let actualTo: Date
        let frames: Int
        let bytes: Int64
        let gaps: [String]
    }

    /// In a cluster this node exports only what it recorded itself (exports through the owning
    /// node are not built): a range with primary footage of another node is refused, rather
    /// than exported with that footage missing.
    private func refuseOtherNodesFootage(camera: String, range: Range<Date>) async throws {
        guard let cluster = services.cluster else { return }
        let elsewhere = Set(try await cluster.footage(camera: camera, overlapping: range).map(\.node)).subtracting([cluster.nodeName])
        guard elsewhere.isEmpty else {
            throw ConsoleError(.conflict, "camera '\(camera)' was recorded in this range on node \(elsewhere.sorted().joined(separator: ", ")), "
                               + "and this console (node \(cluster.nodeName)) exports only footage it recorded itself; export that part "
                               + "on that node's console")
        }
    }

    func add(to router: Router<ConsoleContext>) {
        router.post("/api/exports") { request, context in
            let identity = try context.user
            guard let order = try? await request.decode(as: Order.self, context: context) else {
                throw ConsoleError(.badRequest, "send JSON {\"camera\": NAME, \"from\": TIME, \"to\": TIME, \"exact\": false}")
            }
            guard services.feed(order.camera) != nil else { throw ConsoleError(.notFound, "no camera '\(order.camera)' is configured") }
            let range = try TimeRange(from: order.from, to: order.to, now: services.now()).range
            try await refuseOtherNodesFootage(camera: order.camera, range: range)
            let shelf = services.exports, user = identity.account.name, exact = order.exact ?? false
            let (entry, result) = try await NIOThreadPool.singleton.runIfActive {
                try shelf.export(camera: order.camera, from: range.lowerBound, to: range.upperBound, exact: exact, user: user)
            }
            try services.record(identity.actor, "web.export", subject: "camera \(order.camera) from \(order.from) to \(order.to)",
                                reason: "export \(entry.id) from \(context.clientAddress): \(result.frames) frames, sha256 \(result.manifest.output.sha256)")
            return Reply.json(Made(id: entry.id, clip: "/exports/\(entry.id)/clip.mp4", manifest: "/exports/\(entry.id)/manifest.json",
                                   actualFrom: result.actualStart, actualTo: result.actualEnd, frames: result.frames,
                                   bytes: result.bytes, gaps: result.plan.gaps.map(\.description)), status: .created)
        }
        router.get("/exports/:id/:file") { _, context in
            let identity = try context.user
            let id = try context.parameters.require("id"), file = try context.parameters.require("file")
            guard let entry = services.exports.entry(id), entry.user == identity.account.name || identity.account.role == .admin else {
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
