import Foundation
import VeilInference

extension ModelManifest {
    /// The manifest entries that a `FaceDetector` and a `PersonDetector` with `person` load on
    /// `backend` (as resolved by `InferenceOptions.resolved()`), in load order.
    public static func modelsLoaded(person: PersonDetector.Options, backend: InferenceBackend) -> [String] {
        var recipes: [NetworkRecipe] = [.yuNet, .person(person.model)]
        if person.closeRangeThreshold != nil { recipes.append(.ssdLite) }
        return recipes.map { $0.files(on: backend).manifestName }
    }

    /// Reads every file of model `name` and checks it against its SHA-256 in the manifest,
    /// as loading does. Returns the paths checked.
    ///
    /// - Throws: `VisionError` naming the file that is missing, unreadable or altered.
    public func verifyFiles(of name: String) throws -> [String] {
        let roles = try model(named: name).files.map(\.role)
        return try verifiedFiles(of: name, roles: roles).map(\.path)
    }
}
