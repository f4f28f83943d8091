import Foundation
import Hummingbird
import VeilExport

/// A `from`–`to` range given in any form `veil export` accepts: as query parameters, or as
/// the fields of a JSON order.
struct TimeRange {
    let range: Range<Date>

    init(_ request: Request, now: Date) throws {
        let query = request.uri.queryParameters
        guard let fromText = query["from"].map(String.init), let toText = query["to"].map(String.init) else {
            throw ConsoleError(.badRequest, "give from= and to= (\(ExportTime.accepted))")
        }
        try self.init(from: fromText, to: toText, now: now)
    }

    init(from fromText: String, to toText: String, now: Date) throws {
        guard let from = ExportTime.parse(fromText, now: now) else {
            throw ConsoleError(.badRequest, "from=\(fromText) is not a time: use \(ExportTime.accepted)")
        }
        guard let to = ExportTime.parse(toText, now: now) else {
            throw ConsoleError(.badRequest, "to=\(toText) is not a time: use \(ExportTime.accepted)")
        }
        guard to > from else { throw ConsoleError(.badRequest, "to=\(toText) is not after from=\(fromText)") }
        range = from..<to
    }
}
